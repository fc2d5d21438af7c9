using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Stratus.Kubernetes.Manifests;

/// <summary>
/// <see cref="ManifestBuilder"/>'s objects as the client's typed models. The builder's JSON stays the one source (podman
/// plays the very same documents), and each object is read into its model once, here.
/// </summary>
internal sealed record KubernetesManifests(V1Secret Secret, IReadOnlyList<V1Deployment> Deployments, IReadOnlyList<V1Service> Services)
{
    public static KubernetesManifests From(IReadOnlyList<JsonObject> manifests)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        V1Secret? secret = null;
        var deployments = new List<V1Deployment>();
        var services = new List<V1Service>();
        foreach (var manifest in manifests)
        {
            var json = ManifestBuilder.ToJson(manifest);
            switch (manifest["kind"]?.GetValue<string>())
            {
                case "Secret":
                    secret = KubernetesJson.Deserialize<V1Secret>(json);
                    break;
                case "Deployment":
                    deployments.Add(KubernetesJson.Deserialize<V1Deployment>(json));
                    break;
                case "Service":
                    services.Add(KubernetesJson.Deserialize<V1Service>(json));
                    break;
                default:
                    throw new ArgumentException($"Unexpected manifest kind {manifest["kind"]}.", nameof(manifests));
            }
        }

        return new KubernetesManifests(secret ?? throw new ArgumentException("The manifests have no Secret.", nameof(manifests)), deployments, services);
    }
}
