using System.Net;

namespace Stratus.Kubernetes.Client;

/// <summary>
/// Retries reads (GET, which includes watches and log streams) on a dropped connection or a 429/502/503/504, after a short
/// pause. Nothing else is retried: an apply or delete that failed half-way is the caller's to judge.
/// </summary>
internal sealed class KubernetesRetryHandler(TimeProvider time, int retries = 2, TimeSpan? delay = null) : DelegatingHandler
{
    private readonly TimeSpan _delay = delay ?? TimeSpan.FromMilliseconds(500);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < retries && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_delay * (attempt + 1), time, cancellationToken);
                continue;
            }

            if (attempt >= retries || !IsTransient(response.StatusCode))
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(_delay * (attempt + 1), time, cancellationToken);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
