namespace Stratus.Kubernetes.Client;

/// <summary>How Stratus authenticates to a pool's Kubernetes API server.</summary>
public enum KubernetesAuthMode
{
    /// <summary>A static bearer token (a service account token), or none (a <c>kubectl proxy</c> in front of the server).</summary>
    Token,

    /// <summary>A kubeconfig file (token, client certificate or exec plugin), optionally a named context.</summary>
    Kubeconfig,

    /// <summary>The pod's service account, when Stratus itself runs in the cluster.</summary>
    InCluster,

    /// <summary>AKS with Entra ID: a token for the AKS server application from <c>DefaultAzureCredential</c>.</summary>
    Entra,
}
