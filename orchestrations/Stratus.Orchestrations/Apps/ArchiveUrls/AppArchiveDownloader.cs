using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stratus.Archives;

namespace Stratus.Orchestrations.Apps.ArchiveUrls;

/// <summary>
/// Downloads a deploy's <c>archive-url</c> to a file through <see cref="AppArchiveHttpClient"/>, whose connections
/// reach only allowed addresses. Every way the fetch can fail gives the deployer the same text
/// (<see cref="FetchFailed"/>): a refused address, a closed port, a timeout and a 404 must look alike, or the
/// deploy's log becomes a scanner of the server's network. The reason goes to the server log.
/// </summary>
/// <remarks>Public because <see cref="AppBuilder"/>, a public type, takes it.</remarks>
public sealed partial class AppArchiveDownloader(IHttpClientFactory httpClients, IOptions<AppPipelineOptions> options, ILogger<AppArchiveDownloader> logger)
{
    public const string FetchFailed =
        "The archive could not be fetched from that URL. Give a public http or https URL that serves the tar.gz without credentials; the server log has the reason.";

    /// <returns>The downloaded archive, open for reading.</returns>
    /// <exception cref="InvalidDataException">The fetch failed (<see cref="FetchFailed"/>).</exception>
    /// <exception cref="InvalidSourceArchiveException">The archive is larger than the pipeline accepts.</exception>
    public async Task<Stream> DownloadAsync(string url, string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "download.tar.gz");
        try
        {
            var http = httpClients.CreateClient(AppArchiveHttpClient.Name);
            using var response = await http.GetAsync(new Uri(url, UriKind.Absolute), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogFetchFailed(url, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}", null);
                throw new InvalidDataException(FetchFailed);
            }

            var limit = options.Value.MaxArchiveBytes;
            await using var file = File.Create(path);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    throw new InvalidSourceArchiveException(null, $"The archive at that URL is larger than {limit:N0} bytes.");
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception ex) when (IsFetchFailure(ex, cancellationToken))
        {
            LogFetchFailed(url, Describe(ex), ex);
            throw new InvalidDataException(FetchFailed);
        }

        return File.OpenRead(path);
    }

    private static bool IsFetchFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        HttpRequestException or IOException or Polly.ExecutionRejectedException or UriFormatException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static string Describe(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is ArchiveUrlRefusedException refused)
            {
                return "refused: " + refused.Message;
            }
        }

        return ex.Message;
    }

    [LoggerMessage(1, LogLevel.Warning, "The archive for a deploy could not be fetched from {Url}: {Reason}")]
    private partial void LogFetchFailed(string url, string reason, Exception? exception);
}
