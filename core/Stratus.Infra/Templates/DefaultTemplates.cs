namespace Stratus.Infra.Templates;

/// <summary>
/// The five templates Terrakube seeds into every new organization, with its names, descriptions and step numbers,
/// because the Terraform CLI (remote backend) path looks the CLI templates up by name and relies on steps 100, 150, 200.
/// </summary>
public static class DefaultTemplates
{
    /// <summary>
    /// The approval team of the CLI templates, Terrakube's own: team names keep their case and compare without it, so
    /// members of a team created as TERRAFORM_CLI (or terraform_cli) decide these jobs.
    /// </summary>
    public const string CliApprovalTeam = "TERRAFORM_CLI";

    public static DefaultTemplate Plan { get; } = new(
        "Plan",
        "Running Terraform plan",
        """
        flow:
          - type: "terraformPlan"
            name: "Plan"
            step: 100

        """);

    // Terrakube's "Plan and apply" has no approval step: choosing it is the approval.
    public static DefaultTemplate PlanAndApply { get; } = new(
        "Plan and apply",
        "Running Terraform plan and apply",
        """
        flow:
          - type: "terraformPlan"
            name: "Plan"
            step: 100
          - type: "terraformApply"
            name: "Apply"
            step: 200

        """);

    public static DefaultTemplate Destroy { get; } = new(
        "Destroy",
        "Running Terraform destroy",
        """
        flow:
          - type: "terraformDestroy"
            name: "Destroy"
            step: 100

        """);

    public static DefaultTemplate CliPlanApply { get; } = new(
        "Terraform-Plan/Apply-Cli",
        "Running Terraform apply from Terraform CLI",
        $$"""
        flow:
          - type: "terraformPlan"
            name: "Terraform Plan from Terraform CLI"
            step: 100
          - type: "approval"
            name: "Approve Plan from Terraform CLI"
            step: 150
            team: "{{CliApprovalTeam}}"
          - type: "terraformApply"
            name: "Terraform Apply from Terraform CLI"
            step: 200

        """);

    // The apply step applies the destroy plan made at step 100, as in Terrakube.
    public static DefaultTemplate CliPlanDestroy { get; } = new(
        "Terraform-Plan/Destroy-Cli",
        "Running Terraform destroy from Terraform CLI",
        $$"""
        flow:
          - type: "terraformPlanDestroy"
            name: "Terraform Plan Destroy from Terraform CLI"
            step: 100
          - type: "approval"
            name: "Approve Plan from Terraform CLI"
            step: 150
            team: "{{CliApprovalTeam}}"
          - type: "terraformApply"
            name: "Terraform Apply from Terraform CLI"
            step: 200

        """);

    /// <summary>In Terrakube's seeding order.</summary>
    public static IReadOnlyList<DefaultTemplate> All { get; } = [Plan, PlanAndApply, Destroy, CliPlanApply, CliPlanDestroy];
}
