using Stratus.Infra.Execution;
using Stratus.Archives;

namespace Stratus.Api.Infra.Workspaces;

/// <summary>
/// Validates an upload by unpacking it exactly as the executor will, into a scratch folder that is then removed: any
/// archive the executor would refuse is refused here, before it is stored.
/// </summary>
internal sealed class ExtractingSourceArchiveValidator : ISourceArchiveValidator
{
    public async Task<string?> ProblemAsync(Stream archive, CancellationToken cancellationToken)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "stratus-upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            var extracted = await SourceArchive.ExtractAsync(archive, scratch, ArchiveLimits.Default with { MaxCompressedBytes = SourceArchiveSizeLimit.MaxBytes }, cancellationToken);
            return extracted.Files == 0 ? "The archive holds no files; send the configuration's .tf files as a tar.gz." : null;
        }
        catch (InvalidSourceArchiveException ex)
        {
            // Damaged gzip or tar data arrives here too (SourceArchive wraps it), so every archive fault is a 400.
            return ex.Entry is null && ex.InnerException is not null
                ? $"{ex.Message} Create the archive with 'tar -czf config.tar.gz *.tf'."
                : ex.Message;
        }
        finally
        {
            // A refused extraction has already removed what it wrote; this removes an accepted one's files.
            LocalFiles.DeleteQuietly(scratch);
        }
    }
}
