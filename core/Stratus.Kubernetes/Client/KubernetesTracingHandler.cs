using System.Diagnostics;

namespace Stratus.Kubernetes.Client;

/// <summary>A client span around every API call (watches and log streams: until the response headers arrive).</summary>
internal sealed class KubernetesTracingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = KubernetesTelemetry.ActivitySource.StartActivity($"kubernetes {request.Method.Method}", ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("http.request.method", request.Method.Method);
            activity.SetTag("url.path", request.RequestUri?.AbsolutePath);
            activity.SetTag("server.address", request.RequestUri?.Host);
            activity.SetTag("kubernetes.watch", request.RequestUri?.Query.Contains("watch=true", StringComparison.Ordinal) == true);
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            return response;
        }
        catch (Exception e) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }
}
