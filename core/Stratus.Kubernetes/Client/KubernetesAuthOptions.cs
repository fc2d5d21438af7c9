namespace Stratus.Kubernetes.Client;

/// <summary>
/// How the Kubernetes clients of every <c>kubernetes</c> pool authenticate. A pool names its server URL and namespace;
/// these settings say how to reach and trust that server.
/// </summary>
public sealed class KubernetesAuthOptions
{
    /// <summary>The AKS server application (the same for every AKS cluster): Entra tokens are asked for its default scope.</summary>
    public const string AksScope = "6dae42f8-4368-4678-94ff-3960e28e3630/.default";

    public KubernetesAuthMode Mode { get; set; } = KubernetesAuthMode.Token;

    /// <summary>The bearer token in <see cref="KubernetesAuthMode.Token"/> mode; none sends no Authorization header.</summary>
    public string? Token { get; set; }

    /// <summary>The kubeconfig file in <see cref="KubernetesAuthMode.Kubeconfig"/> mode; null reads <c>$KUBECONFIG</c> or <c>~/.kube/config</c>.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use; null uses its current context.</summary>
    public string? Context { get; set; }

    /// <summary>A PEM file of the cluster's CA, for <see cref="KubernetesAuthMode.Token"/> and <see cref="KubernetesAuthMode.Entra"/> (an AKS API server's certificate is not publicly trusted).</summary>
    public string? CertificateAuthority { get; set; }

    /// <summary>The Entra scope asked for in <see cref="KubernetesAuthMode.Entra"/> mode.</summary>
    public string EntraScope { get; set; } = AksScope;

    /// <summary>What is wrong with these settings, one sentence each; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var errors = new List<string>();
        if (!Enum.IsDefined(Mode))
        {
            errors.Add($"Kubernetes auth mode '{Mode}' is not one of {string.Join(", ", Enum.GetNames<KubernetesAuthMode>())}.");
        }

        if (Mode == KubernetesAuthMode.Kubeconfig && !string.IsNullOrEmpty(Kubeconfig) && !File.Exists(Kubeconfig))
        {
            errors.Add($"Kubernetes auth mode Kubeconfig names the file '{Kubeconfig}', which does not exist.");
        }

        if (Mode == KubernetesAuthMode.InCluster && string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST")))
        {
            errors.Add("Kubernetes auth mode InCluster needs KUBERNETES_SERVICE_HOST, which is set only inside a pod.");
        }

        if (Mode == KubernetesAuthMode.Entra && string.IsNullOrWhiteSpace(EntraScope))
        {
            errors.Add("Kubernetes auth mode Entra needs an EntraScope (the AKS one is " + AksScope + ").");
        }

        if (Mode is not (KubernetesAuthMode.Token or KubernetesAuthMode.Entra) && !string.IsNullOrEmpty(CertificateAuthority))
        {
            errors.Add($"Kubernetes CertificateAuthority applies to the Token and Entra modes; in {Mode} mode the CA comes from the kubeconfig or the service account.");
        }

        if (!string.IsNullOrEmpty(CertificateAuthority) && !File.Exists(CertificateAuthority))
        {
            errors.Add($"Kubernetes CertificateAuthority '{CertificateAuthority}' does not exist.");
        }

        return errors;
    }

    /// <summary>Throws with every problem at once, so a misconfigured host stops at start with the whole list.</summary>
    public void EnsureValid(Func<string, string?>? environment = null)
    {
        var errors = Validate(environment);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid Kubernetes settings (Stratus:Apps:Drivers:Kubernetes): " + string.Join(" ", errors));
        }
    }
}
