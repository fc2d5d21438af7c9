using System.Net;

namespace Stratus.Kubernetes.Api;

/// <summary>A failed API call, carrying the server's <c>Status</c> reason and message.</summary>
internal sealed class KubernetesApiException : Exception
{
    public KubernetesApiException(HttpStatusCode statusCode, string? reason, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    public KubernetesApiException(HttpStatusCode statusCode, string? reason, string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The Status object's machine-readable reason, e.g. <c>NotFound</c>, <c>Conflict</c>, <c>Invalid</c>.</summary>
    public string? Reason { get; }
}
