using Stratus.Apps.Deploys;

namespace Stratus.Api.Apps.History;

/// <summary>One deploy of the app's history, as Tsuru lists it; <see cref="Duration"/> is in seconds, null while it runs.</summary>
internal sealed record DeployResponse(
    string Id,
    string App,
    int? Version,
    string? Image,
    string User,
    string Origin,
    string? Message,
    DateTimeOffset Timestamp,
    double? Duration,
    string? Error,
    bool CanRollback)
{
    public static DeployResponse From(Deploy d) => new(
        d.Id, d.App, d.Version, d.Image, d.User, d.Origin, d.Message, d.StartedAt, d.Duration?.TotalSeconds, d.Error, d.CanRollback);
}
