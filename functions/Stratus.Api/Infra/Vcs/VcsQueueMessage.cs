namespace Stratus.Api.Infra.Vcs;

/// <summary>
/// A message on the VCS queue: a verified webhook delivery (<see cref="Delivery"/>: its event, delivery id and raw
/// payload) or a finished speculative plan to report back (<see cref="Report"/>: its workspace and job).
/// </summary>
internal sealed record VcsQueueMessage(
    string Kind,
    string Organization,
    string? Connection = null,
    string? Event = null,
    string? DeliveryId = null,
    string? Payload = null,
    string? Workspace = null,
    int JobId = 0)
{
    public const string Delivery = "delivery";
    public const string Report = "report";
}
