using Stratus.Infra.Jobs;

namespace Stratus.Api.Infra.Jobs;

internal sealed record JobResponse(
    int Id,
    string Organization,
    string Workspace,
    string Status,
    string Template,
    string Via,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ApprovalTeam,
    bool? PlanChanges,
    System.Text.Json.JsonElement? Outputs,
    bool HasPlan,
    int? StateVersion,
    string? Reason,
    bool CancelRequested,
    string? DecidedBy,
    IReadOnlyList<JobStepResponse>? Steps)
{
    public static JobResponse From(Job j, IReadOnlyList<JobStep>? steps = null) => new(
        j.Id, j.Organization, j.Workspace, j.Status, j.Template, j.Via, j.CreatedBy, j.CreatedAt, j.StartedAt, j.FinishedAt, j.ApprovalTeam,
        j.PlanChanges, ParseOutputs(j.Outputs), j.PlanBlob is not null, j.StateVersion, j.Reason, j.CancelRequested, j.DecidedBy,
        steps?.Select(s => JobStepResponse.From(j, s)).ToList());

    private static System.Text.Json.JsonElement? ParseOutputs(string? outputs)
    {
        if (outputs is null)
        {
            return null;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(outputs);
            return document.RootElement.Clone();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
