using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Spectre.Console;
using Stratus.Cli.Api;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Apps;

/// <summary>
/// <c>stratus app deploy &lt;app&gt; [folder|file.tar.gz]</c>, or <c>--image</c>, <c>--dockerfile</c> (with an optional
/// <c>--context</c> folder) or <c>--archive-url</c>: uploads the source, then follows the deploy's log to its end. A
/// folder is packed here (see <see cref="AppArchive"/>) into a temporary file, never whole into memory.
/// </summary>
internal static class AppDeployCommand
{
    private const string GzipType = "application/gzip";

    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The app name." };
        var source = new Argument<string?>("path")
        {
            Description = "The app's folder (packed as tar.gz, without .git) or a .tar.gz of it.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var image = new Option<string?>("--image", "-i") { Description = "Deploy a ready image, such as 127.0.0.1:5000/team/web:1.2, without a build." };
        var dockerfile = new Option<string?>("--dockerfile") { Description = "Build with this Dockerfile (a local file)." };
        var dockerContext = new Option<string?>("--context") { Description = "The folder the Dockerfile builds in (with --dockerfile)." };
        var archiveUrl = new Option<string?>("--archive-url") { Description = "Deploy the tar.gz at this http(s) URL; the server downloads it." };
        var message = new Option<string?>("--message", "-m") { Description = "Why you deploy: kept in the deploy history." };
        var wait = new Option<int?>("--wait", "-w") { Description = "If another operation holds the app, wait up to this many seconds for it (at most 300)." };
        var command = new Command("deploy", "Deploys an app from a folder, a .tar.gz, an image, a Dockerfile or an archive URL, and follows the deploy's log.")
        {
            name, source, image, dockerfile, dockerContext, archiveUrl, message, wait,
        };
        command.Validators.Add(result =>
        {
            var sources = new[] { result.GetValue(source) is not null, result.GetValue(image) is not null, result.GetValue(dockerfile) is not null, result.GetValue(archiveUrl) is not null };
            if (sources.Count(s => s) != 1)
            {
                result.AddError("Give one source: a folder or .tar.gz, --image, --dockerfile or --archive-url.");
            }

            if (result.GetValue(dockerContext) is not null && result.GetValue(dockerfile) is null)
            {
                result.AddError("--context goes with --dockerfile.");
            }

            if (result.GetValue(wait) is < 0)
            {
                result.AddError("--wait is a number of seconds, 0 or more.");
            }
        });
        context.SetAction(command, async (call, ct) =>
        {
            var app = call.Get(name);
            var deployPath = ApiPath.Of("apps", app, "deploy");
            var waitSeconds = call.Get(wait)?.ToString(CultureInfo.InvariantCulture);
            using var http = AppHttp.For(call);
            AppOperationResponse started;
            if (call.Get(source) is { } path)
            {
                await using var archive = await OpenArchiveAsync(call, path, ct);
                using var content = new StreamContent(archive);
                content.Headers.ContentType = new MediaTypeHeaderValue(GzipType);
                var query = ApiPath.WithQuery(deployPath, ("message", call.Get(message)), ("wait", waitSeconds));
                started = await UploadAsync(call, Size(archive.Length), () => AppOperation.StartAsync(http, HttpMethod.Post, app, query, content, ct));
            }
            else if (call.Get(dockerfile) is { } dockerfilePath)
            {
                var text = await ReadDockerfileAsync(dockerfilePath, ct);
                var query = ApiPath.WithQuery(deployPath, ("wait", waitSeconds));
                if (call.Get(dockerContext) is { } folder)
                {
                    await using var archive = await PackAsync(call, folder, ct);
                    using var form = new MultipartFormDataContent
                    {
                        { new StringContent(text), "dockerfile" },
                    };
                    if (call.Get(message) is { } why)
                    {
                        form.Add(new StringContent(why), "message");
                    }

                    var file = new StreamContent(archive);
                    file.Headers.ContentType = new MediaTypeHeaderValue(GzipType);
                    form.Add(file, "file", "context.tar.gz");
                    started = await UploadAsync(call, Size(archive.Length), () => AppOperation.StartAsync(http, HttpMethod.Post, app, query, form, ct));
                }
                else
                {
                    using var json = JsonContent.Create(new { dockerfile = text, message = call.Get(message) }, options: CliJson.Options);
                    started = await AppOperation.StartAsync(http, HttpMethod.Post, app, query, json, ct);
                }
            }
            else
            {
                using var json = JsonContent.Create(new { image = call.Get(image), archiveUrl = call.Get(archiveUrl), message = call.Get(message) }, options: CliJson.Options);
                started = await AppOperation.StartAsync(http, HttpMethod.Post, app, ApiPath.WithQuery(deployPath, ("wait", waitSeconds)), json, ct);
            }

            return await AppOperation.FollowAsync(call, http, started, ct);
        });
        return command;
    }

    /// <summary>A .tar.gz as it is, or a folder packed into a temporary file that goes when the stream is closed.</summary>
    private static async Task<Stream> OpenArchiveAsync(CommandCall call, string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            return await PackAsync(call, path, cancellationToken);
        }

        if (!File.Exists(path))
        {
            throw new CliException($"There is no file or folder '{path}'.", "Give the app's folder or a .tar.gz of it.");
        }

        if (!AppArchive.IsTarGz(path))
        {
            throw new CliException($"'{path}' is neither a folder nor a .tar.gz.", "Give the app's folder, or pack it with 'tar -czf app.tar.gz -C <folder> .'.");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
    }

    private static async Task<Stream> PackAsync(CommandCall call, string folder, CancellationToken cancellationToken)
    {
        var temporary = new FileStream(
            Path.Combine(Path.GetTempPath(), $"stratus-deploy-{Guid.NewGuid():N}.tar.gz"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            var packed = await AppArchive.PackAsync(folder, temporary, cancellationToken);
            if (packed.Files == 0)
            {
                throw new CliException($"The folder '{folder}' holds no files to deploy.", "Point at the app's folder (.git is left out).");
            }

            temporary.Position = 0;
            call.Output.Info($"Packed {packed.Files} file{(packed.Files == 1 ? "" : "s")} ({Size(packed.Bytes)}) from {Path.GetFullPath(folder)}.");
            return temporary;
        }
        catch
        {
            await temporary.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> ReadDockerfileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"There is no Dockerfile '{path}'.", "Give the path of a Dockerfile with --dockerfile.");
        }

        return await File.ReadAllTextAsync(path, cancellationToken);
    }

    /// <summary>Runs the upload under a spinner on a terminal; a plain line otherwise (and nothing with <c>--output json</c>).</summary>
    private static async Task<AppOperationResponse> UploadAsync(CommandCall call, string size, Func<Task<AppOperationResponse>> upload)
    {
        var console = call.Context.Environment.Console;
        var what = $"Uploading {size}…";
        if (call.Output.IsJson || !console.Profile.Capabilities.Interactive)
        {
            call.Output.Info(what);
            return await upload();
        }

        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(what), _ => upload());
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
    };
}
