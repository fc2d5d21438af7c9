using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Stratus.Kubernetes.Api;

namespace Stratus.Kubernetes.Client;

/// <summary>Turns the client's failures into <see cref="KubernetesApiException"/>, the shape callers already handle.</summary>
internal static class KubernetesErrors
{
    public static KubernetesApiException Map(HttpOperationException e)
    {
        var status = e.Response?.StatusCode ?? HttpStatusCode.InternalServerError;
        var body = e.Response?.Content ?? "";
        string? reason = null;
        var message = body;
        try
        {
            if (body.Length > 0 && KubernetesJson.Deserialize<V1Status>(body) is { Kind: "Status" } parsed)
            {
                reason = parsed.Reason;
                message = parsed.Message ?? body;
            }
        }
        catch (JsonException)
        {
            // Not a Status object (a proxy in front of the server, say): keep the raw body.
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            message = e.Response?.ReasonPhrase ?? "no message";
        }

        var request = e.Request;
        var path = request?.RequestUri?.AbsolutePath;
        return new KubernetesApiException(
            status,
            reason,
            $"{request?.Method} {path} failed with {(int)status}{(reason is null ? "" : " " + reason)}: {message}",
            e);
    }

    /// <summary>A Status sent inside a watch stream (410 Gone for an expired resourceVersion, say).</summary>
    public static KubernetesApiException Map(KubernetesException e) => new(
        (HttpStatusCode)(e.Status?.Code ?? 500),
        e.Status?.Reason,
        $"watch failed with {e.Status?.Code}{(e.Status?.Reason is null ? "" : " " + e.Status.Reason)}: {e.Status?.Message ?? e.Message}",
        e);
}
