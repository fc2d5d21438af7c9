using System.Globalization;
using Stratus.Cli.Commands.Apps;

namespace Stratus.Cli.Commands.Infra;

/// <summary>
/// The tar.gz <c>stratus workspace upload</c> sends: a .tar.gz as it is, or a folder packed into a temporary file
/// (deleted when the stream closes). <c>.git</c> and <c>.terraform</c> (providers and modules terraform init fetched,
/// often hundreds of MiB that every job fetches again anyway) are left out at any depth.
/// </summary>
internal static class WorkspaceSourceArchive
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { ".git", ".terraform" };

    public static async Task<Stream> OpenAsync(CommandCall call, string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            return await PackAsync(call, path, cancellationToken);
        }

        if (!File.Exists(path))
        {
            throw new CliException($"There is no file or folder '{path}'.", "Give the folder of the terraform configuration or a .tar.gz of it.");
        }

        if (!AppArchive.IsTarGz(path))
        {
            throw new CliException($"'{path}' is neither a folder nor a .tar.gz.", "Give the configuration's folder, or pack it with 'tar -czf source.tar.gz -C <folder> .'.");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
    }

    private static async Task<Stream> PackAsync(CommandCall call, string folder, CancellationToken cancellationToken)
    {
        var temporary = new FileStream(
            Path.Combine(Path.GetTempPath(), $"stratus-source-{Guid.NewGuid():N}.tar.gz"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            var packed = await AppArchive.PackAsync(folder, temporary, Skipped, cancellationToken);
            if (packed.Files == 0)
            {
                throw new CliException($"The folder '{folder}' holds no files to upload.", "Point at the folder of the terraform configuration (.git and .terraform are left out).");
            }

            temporary.Position = 0;
            call.Output.Info(string.Create(CultureInfo.InvariantCulture, $"Packed {packed.Files} file{(packed.Files == 1 ? "" : "s")} ({packed.Bytes} bytes) from {Path.GetFullPath(folder)}."));
            return temporary;
        }
        catch
        {
            await temporary.DisposeAsync();
            throw;
        }
    }
}
