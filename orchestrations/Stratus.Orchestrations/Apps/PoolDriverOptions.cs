namespace Stratus.Orchestrations.Apps;

/// <summary>Credentials for remote drivers (<c>Stratus:Apps:Drivers</c>); in Azure they come from Key Vault references.</summary>
public sealed class PoolDriverOptions
{
    public const string SectionName = "Stratus:Apps:Drivers";

    /// <summary>A service account token for Kubernetes pools (AKS with Entra would use a token provider instead).</summary>
    public string? KubernetesToken { get; set; }
}
