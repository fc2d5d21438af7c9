using System.Net;

namespace Stratus.Kubernetes.Routing;

/// <summary>A router refused or failed a call; <see cref="Body"/> is what it said.</summary>
public sealed class RouterException : Exception
{
    public RouterException(HttpStatusCode statusCode, string body, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Body = body;
    }

    public RouterException(HttpStatusCode statusCode, string body, string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Body = body;
    }

    public HttpStatusCode StatusCode { get; }

    public string Body { get; }
}
