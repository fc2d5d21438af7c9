using System.Globalization;
using System.Text.Json.Serialization;
using Stratus.Infra.State;

namespace Stratus.Api.Infra.State;

/// <summary>
/// A held lock in terraform's own lock-info shape (<c>ID</c>, <c>Operation</c>, <c>Info</c>, <c>Who</c>, <c>Version</c>,
/// <c>Created</c>, <c>Path</c>), plus the Stratus caller who took it (<c>LockedBy</c>) and when (<c>LockedAt</c>).
/// </summary>
internal sealed record StateLockResponse(
    [property: JsonPropertyName("ID")] string Id,
    [property: JsonPropertyName("Operation")] string Operation,
    [property: JsonPropertyName("Info")] string Info,
    [property: JsonPropertyName("Who")] string Who,
    [property: JsonPropertyName("Version")] string Version,
    [property: JsonPropertyName("Created")] string Created,
    [property: JsonPropertyName("Path")] string Path,
    [property: JsonPropertyName("LockedBy")] string LockedBy,
    [property: JsonPropertyName("LockedAt")] DateTimeOffset LockedAt)
{
    public static StateLockResponse From(StateLock held) => new(
        held.Info.Id,
        held.Info.Operation ?? "",
        held.Info.Info ?? "",
        held.Info.Who ?? "",
        held.Info.Version ?? "",
        // Terraform reads Created as an RFC 3339 time; a client that sent none gets the time the lock was taken.
        string.IsNullOrEmpty(held.Info.Created) ? held.LockedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) : held.Info.Created,
        held.Info.Path ?? "",
        held.LockedBy,
        held.LockedAt);

    /// <summary>The same fields as ProblemDetails extensions, so a refusal is both RFC 7807 and the lock info terraform reads.</summary>
    public Dictionary<string, object?> ToExtensions() => new(StringComparer.Ordinal)
    {
        ["ID"] = Id,
        ["Operation"] = Operation,
        ["Info"] = Info,
        ["Who"] = Who,
        ["Version"] = Version,
        ["Created"] = Created,
        ["Path"] = Path,
        ["LockedBy"] = LockedBy,
        ["LockedAt"] = LockedAt,
    };
}
