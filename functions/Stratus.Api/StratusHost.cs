namespace Stratus.Api;

/// <summary>
/// Which host composed the platform: <see cref="Standalone"/> (one process that fires its own triggers and runs the
/// durable worker on the embedded store) or <see cref="AzureFunctions"/> (the isolated worker, where the Functions host
/// fires triggers and Durable Functions runs the orchestrations). Shown by <c>GET /api/v1/info</c>.
/// </summary>
internal sealed record StratusHost(string Mode)
{
    public static readonly StratusHost Standalone = new("standalone");

    public static readonly StratusHost AzureFunctions = new("azure-functions");
}
