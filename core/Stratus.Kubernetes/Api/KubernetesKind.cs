namespace Stratus.Kubernetes.Api;

/// <summary>A namespaced resource type Stratus uses, with where it lives in the API.</summary>
public sealed record KubernetesKind(string ApiVersion, string Kind, string Plural)
{
    public static KubernetesKind Secret { get; } = new("v1", "Secret", "secrets");

    public static KubernetesKind Service { get; } = new("v1", "Service", "services");

    public static KubernetesKind Pod { get; } = new("v1", "Pod", "pods");

    public static KubernetesKind Deployment { get; } = new("apps/v1", "Deployment", "deployments");

    public static KubernetesKind Ingress { get; } = new("networking.k8s.io/v1", "Ingress", "ingresses");

    private static readonly KubernetesKind[] Known = [Secret, Service, Pod, Deployment, Ingress];

    /// <summary>The collection path in <paramref name="ns"/>: core types under <c>/api/v1</c>, the rest under <c>/apis/&lt;group&gt;/&lt;version&gt;</c>.</summary>
    public string CollectionPath(string ns)
    {
        var root = ApiVersion.Contains('/', StringComparison.Ordinal) ? $"/apis/{ApiVersion}" : $"/api/{ApiVersion}";
        return $"{root}/namespaces/{Uri.EscapeDataString(ns)}/{Plural}";
    }

    public static KubernetesKind From(string apiVersion, string kind) =>
        Known.FirstOrDefault(k => k.ApiVersion == apiVersion && k.Kind == kind)
        ?? throw new ArgumentException($"Unsupported kind {apiVersion}/{kind}.", nameof(kind));
}
