namespace Stratus.Api.Infra.Workspaces;

/// <summary>Checks an uploaded configuration archive before it is stored: format, paths, links and sizes.</summary>
internal interface ISourceArchiveValidator
{
    /// <returns>What is wrong with the archive, or <c>null</c> when it is safe to store and unpack.</returns>
    Task<string?> ProblemAsync(Stream archive, CancellationToken cancellationToken);
}
