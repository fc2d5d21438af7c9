using k8s;
using k8s.Models;

namespace Stratus.Kubernetes.Runtime;

/// <summary>Tolerant readers for API objects (an absent field is the API's zero value, not an error) and re-apply copies.</summary>
internal static class KubernetesObjects
{
    public static string Name(IMetadata<V1ObjectMeta> item) => item.Metadata?.Name ?? "";

    public static string? Label(IMetadata<V1ObjectMeta> item, string key) => item.Metadata?.Labels?.TryGetValue(key, out var value) == true ? value : null;

    /// <summary>
    /// A live object turned back into something to apply: what the server owns (status, identity, bookkeeping) goes, so
    /// re-applying it restores the spec without fighting over server fields.
    /// </summary>
    public static T ForReapply<T>(T live)
        where T : IMetadata<V1ObjectMeta>
    {
        // A deep copy through the wire form, so the caller's object is left as read.
        var copy = KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(live));
        if (copy is V1Deployment deployment)
        {
            deployment.Status = null;
        }

        var metadata = copy.Metadata;
        if (metadata is null)
        {
            return copy;
        }

        metadata.ManagedFields = null;
        metadata.ResourceVersion = null;
        metadata.Uid = null;
        metadata.CreationTimestamp = null;
        metadata.Generation = null;
        metadata.DeletionTimestamp = null;
        metadata.DeletionGracePeriodSeconds = null;
        if (metadata.Annotations is { } annotations)
        {
            annotations.Remove("deployment.kubernetes.io/revision");
            annotations.Remove("kubectl.kubernetes.io/last-applied-configuration");
            if (annotations.Count == 0)
            {
                metadata.Annotations = null;
            }
        }

        return copy;
    }
}
