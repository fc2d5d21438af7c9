using System.Net;

namespace Stratus.Containers.Registry;

/// <summary>
/// A registry (or its token service) refused a request or could not be reached. <see cref="StatusCode"/> is null when no
/// HTTP answer arrived; <see cref="Errors"/> holds the registry's own error codes (e.g. <c>MANIFEST_UNKNOWN</c>).
/// </summary>
public sealed class RegistryException : Exception
{
    public RegistryException(string message, HttpStatusCode? statusCode, IReadOnlyList<RegistryError>? errors = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Errors = errors ?? [];
    }

    public HttpStatusCode? StatusCode { get; }

    public IReadOnlyList<RegistryError> Errors { get; }

    /// <summary>The first error's code, e.g. <c>BLOB_UNKNOWN</c>, <c>UNAUTHORIZED</c>, <c>DENIED</c>.</summary>
    public string? ErrorCode => Errors.Count > 0 ? Errors[0].Code : null;

    public string? RegistryMessage => Errors.Count > 0 ? Errors[0].Message : null;
}
