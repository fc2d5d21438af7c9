using Stratus.Apps.Apps;

namespace Stratus.Api.Apps.Apps;

/// <param name="Address">Where the app is served: the local router's <c>http://&lt;app&gt;.localhost:&lt;port&gt;</c>, or (in app info) the first address its pool's router gives.</param>
internal sealed record AppResponse(
    string Name,
    string? Platform,
    string Plan,
    string TeamOwner,
    string Pool,
    string? Description,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> RouterOpts,
    IReadOnlyList<string> Cnames,
    IReadOnlyDictionary<string, int> Processes,
    bool Stopped,
    int? Version,
    string? Address,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Every address the router gives (app info only; lists leave it null rather than ask a router per app).</summary>
    public IReadOnlyList<string>? Addresses { get; init; }

    public static AppResponse From(App app, string? address) => new(
        app.Name, app.Platform, app.Plan, app.TeamOwner, app.Pool, app.Description, app.Tags, app.RouterOptions, app.CNames,
        app.Processes, app.Stopped, app.CurrentVersion, address, app.CreatedAt, app.UpdatedAt);
}
