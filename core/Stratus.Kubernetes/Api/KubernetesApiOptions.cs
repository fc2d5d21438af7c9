namespace Stratus.Kubernetes.Api;

/// <summary>
/// Where the API server is and how to authenticate. TLS settings (a cluster CA, or skipping verification for a dev
/// cluster) belong to the <see cref="HttpMessageHandler"/> the caller builds the <see cref="HttpClient"/> with.
/// </summary>
public sealed class KubernetesApiOptions
{
    public required Uri Server { get; init; }

    /// <summary>A static bearer token (a service account token); ignored when <see cref="TokenProvider"/> is set.</summary>
    public string? Token { get; init; }

    /// <summary>A token source for short-lived tokens (AKS Entra tokens); asked before every request, so it should cache.</summary>
    public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; init; }

    /// <summary>The namespace used when a manifest names none.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Field manager for server-side apply: Stratus owns the fields it applies, and only those.</summary>
    public string FieldManager { get; init; } = "stratus";

    /// <summary>Page size for list calls; the client follows <c>continue</c> tokens.</summary>
    public int ListPageSize { get; init; } = 500;
}
