namespace Stratus.Cli.Commands.Apps;

/// <summary>An app as the API answers it: <see cref="Processes"/> are the units wanted per process, <see cref="Version"/> the one serving.</summary>
internal sealed record AppInfo(
    string Name,
    string? Platform,
    string Plan,
    string TeamOwner,
    string Pool,
    string? Description,
    IReadOnlyList<string>? Tags,
    IReadOnlyDictionary<string, string>? RouterOpts,
    IReadOnlyList<string>? Cnames,
    IReadOnlyDictionary<string, int>? Processes,
    bool Stopped,
    int? Version,
    string? Address,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Every address the app's router gives (app info only).</summary>
    public IReadOnlyList<string>? Addresses { get; init; }
}
