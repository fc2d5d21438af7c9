namespace Stratus.Infra.State;

/// <summary>
/// A new state for a workspace. <see cref="LockId"/> must name the held lock when the state is locked (terraform sends
/// it as <c>?ID=</c>); <see cref="ContentMd5"/>, when given (terraform's <c>Content-MD5</c>), must match the content.
/// A job's executor sets <see cref="Source"/> to <see cref="StateSources.Job"/> and its <see cref="JobId"/>.
/// </summary>
public sealed record StateWriteRequest(string Organization, string Workspace, ReadOnlyMemory<byte> Content, string CreatedBy)
{
    public const int MaxJobIdChars = 128;

    public string Source { get; init; } = StateSources.Backend;

    public string? JobId { get; init; }

    public string? LockId { get; init; }

    /// <summary>
    /// Write even a state of another lineage or a lower or equal serial (<c>terraform state push -force</c>, HCP
    /// Terraform's <c>force</c>). The lock still applies. Callers grant it only to those who may manage the state.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>The Base64 MD5 the sender computed, to catch a damaged upload.</summary>
    public string? ContentMd5 { get; init; }

    /// <returns>What is wrong with a job id (1–128 letters, digits, '.', '_', ':' or '-'), or <c>null</c>.</returns>
    public static string? JobIdProblem(string jobId) =>
        jobId.Length is > 0 and <= MaxJobIdChars && jobId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-')
            ? null
            : $"A job id has 1–{MaxJobIdChars} letters, digits, '.', '_', ':' or '-'.";
}
