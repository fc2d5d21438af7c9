namespace Stratus.Orchestrations.Jobs;

/// <summary>What a step tells its scripts about itself (see <see cref="ScriptVariables"/>).</summary>
/// <param name="WorkingDirectory">The workspace folder terraform runs in, as the sandbox sees it.</param>
/// <param name="Token">The step's API token (also its state backend password); null on onReject runs, which get none.</param>
internal sealed record ScriptContext(
    string WorkingDirectory,
    string Organization,
    string Workspace,
    string JobId,
    int Step,
    string? TerraformVersion,
    string? Source,
    string? Branch,
    string ApiUrl,
    string? Token);
