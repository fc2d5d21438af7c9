namespace Stratus.Infra.Execution;

/// <summary>The job's plan settings (Terrakube's planDestroy, refresh, refreshOnly, targetAddrs, replaceAddrs).</summary>
public sealed record TerraformPlanOptions(
    bool Destroy = false,
    bool Refresh = true,
    bool RefreshOnly = false,
    IReadOnlyList<string>? Targets = null,
    IReadOnlyList<string>? Replace = null)
{
    public static TerraformPlanOptions Default { get; } = new();
}
