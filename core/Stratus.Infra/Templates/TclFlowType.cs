namespace Stratus.Infra.Templates;

/// <summary>
/// The flow types TCL knows, spelled as they appear in the YAML. Strings rather than an enum because the YAML value is
/// the contract (templates are stored and shown as written) and comparisons stay ordinal like Terrakube's Java enum.
/// </summary>
public static class TclFlowType
{
    public const string TerraformPlan = "terraformPlan";
    public const string TerraformPlanDestroy = "terraformPlanDestroy";
    public const string TerraformApply = "terraformApply";
    public const string TerraformDestroy = "terraformDestroy";
    public const string CustomScripts = "customScripts";
    public const string Approval = "approval";
    public const string DisableWorkspace = "disableWorkspace";
    public const string ScheduleTemplates = "scheduleTemplates";

    public static IReadOnlyList<string> All { get; } =
    [
        TerraformPlan, TerraformPlanDestroy, TerraformApply, TerraformDestroy,
        CustomScripts, Approval, DisableWorkspace, ScheduleTemplates,
    ];

    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);

    /// <summary>The flows that run Terraform; their commands must say whether they go before or after it.</summary>
    public static bool IsTerraform(string? type) =>
        type is TerraformPlan or TerraformPlanDestroy or TerraformApply or TerraformDestroy;

    /// <summary>
    /// The flows an executor runs. Approval, disableWorkspace and scheduleTemplates are handled by the platform itself,
    /// so commands, inputs and onFailure on them would silently never run.
    /// </summary>
    public static bool RunsOnExecutor(string? type) => IsTerraform(type) || type == CustomScripts;
}
