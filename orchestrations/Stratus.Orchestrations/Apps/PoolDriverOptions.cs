using Stratus.Kubernetes.Client;

namespace Stratus.Orchestrations.Apps;

/// <summary>Credentials for remote drivers (<c>Stratus:Apps:Drivers</c>); in Azure they come from Key Vault references.</summary>
public sealed class PoolDriverOptions
{
    public const string SectionName = "Stratus:Apps:Drivers";

    /// <summary>A service account token for Kubernetes pools; the same as <c>Kubernetes:Token</c>, kept for existing settings.</summary>
    public string? KubernetesToken { get; set; }

    /// <summary>How Kubernetes pools authenticate (<c>Stratus:Apps:Drivers:Kubernetes:Mode</c>: Token, Kubeconfig, InCluster, Entra).</summary>
    public KubernetesAuthOptions Kubernetes { get; set; } = new();

    /// <summary><see cref="Kubernetes"/>, with <see cref="KubernetesToken"/> as the token when it names none.</summary>
    public KubernetesAuthOptions KubernetesAuth()
    {
        if (string.IsNullOrEmpty(Kubernetes.Token) && !string.IsNullOrEmpty(KubernetesToken))
        {
            Kubernetes.Token = KubernetesToken;
        }

        return Kubernetes;
    }
}
