using System.Text.Json.Nodes;
using Stratus.Infra.ConfigurationVersions;
using Stratus.Infra.Jobs;
using Stratus.Infra.State;
using Stratus.Infra.Workspaces;

namespace Stratus.Api.Infra.Tfe;

/// <summary>
/// The resources as go-tfe decodes them. Only attributes terraform reads are sent, each with the type go-tfe expects
/// (a wrong type fails the whole decode). URLs terraform follows on its own (logs, uploads, downloads) are absolute.
/// </summary>
internal static class TfeDocuments
{
    public static JsonObject Organization(string organization) =>
        TfeJson.Resource("organizations", organization, new JsonObject { ["name"] = organization });

    public static JsonObject Entitlements(string organization) => TfeJson.Resource("entitlement-sets", organization, new JsonObject
    {
        ["operations"] = true,
        ["state-storage"] = true,
        ["private-module-registry"] = true,
        ["teams"] = true,
        ["agents"] = false,
        ["audit-logging"] = false,
        ["configuration-designer"] = false,
        ["cost-estimation"] = false,
        ["run-tasks"] = false,
        ["sentinel"] = false,
        ["sso"] = false,
        ["vcs-integrations"] = false,
    });

    public static JsonObject Workspace(Workspace w, TfeWorkspacePermissions permissions, string? currentRunId) => TfeJson.Resource(
        "workspaces",
        TfeIds.Workspace(w.Organization, w.Name),
        new JsonObject
        {
            ["name"] = w.Name,
            ["description"] = w.Description ?? "",
            ["locked"] = w.Locked,
            ["execution-mode"] = w.ExecutionMode,
            ["operations"] = w.ExecutionMode != "local",
            ["auto-apply"] = false,
            // terraform compares it with its own version unless it is "latest"; Stratus runs the workspace's version, or
            // the one it has when none is set.
            ["terraform-version"] = w.TerraformVersion ?? "latest",
            ["working-directory"] = w.Source.Folder ?? "",
            ["structured-run-output-enabled"] = false,
            ["created-at"] = TfeJson.Time(w.CreatedAt),
            ["tag-names"] = new JsonArray([.. w.Tags.Select(t => (JsonNode?)JsonValue.Create(t))]),
            ["actions"] = new JsonObject { ["is-destroyable"] = permissions.CanManage },
            ["permissions"] = new JsonObject
            {
                ["can-destroy"] = permissions.CanManage,
                ["can-force-unlock"] = permissions.CanManage,
                ["can-lock"] = permissions.CanManage,
                ["can-unlock"] = permissions.CanManage,
                ["can-queue-apply"] = permissions.CanApply,
                ["can-queue-destroy"] = permissions.CanApply,
                ["can-queue-run"] = permissions.CanPlan,
                ["can-read-settings"] = true,
                ["can-update"] = permissions.CanManage,
                ["can-update-variable"] = permissions.CanManage,
                ["can-read-state-versions"] = permissions.CanReadState,
                ["can-create-state-versions"] = permissions.CanWriteState,
            },
        },
        new JsonObject
        {
            ["organization"] = TfeJson.Relation("organizations", w.Organization),
            ["current-run"] = TfeJson.Relation("runs", currentRunId),
        });

    public static JsonObject Run(TfeRunState run, Uri baseUrl)
    {
        var job = run.Job;
        var id = TfeIds.Job(TfeIds.RunPrefix, job.Organization, job.Workspace, job.Id);
        var status = run.Status;
        return TfeJson.Resource(
            "runs",
            id,
            new JsonObject
            {
                ["status"] = status,
                ["message"] = job.Reason ?? "",
                ["source"] = "tfe-api",
                ["created-at"] = TfeJson.Time(job.CreatedAt),
                ["has-changes"] = job.PlanChanges == true,
                ["is-destroy"] = run.IsDestroy,
                ["plan-only"] = run.PlanOnly,
                ["auto-apply"] = !run.PlanOnly && !run.HasApproval,
                ["refresh"] = true,
                ["actions"] = new JsonObject
                {
                    ["is-cancelable"] = !run.Final,
                    ["is-confirmable"] = run.AwaitingDecision,
                    ["is-discardable"] = run.AwaitingDecision,
                    ["is-force-cancelable"] = false,
                },
                ["permissions"] = new JsonObject
                {
                    ["can-apply"] = true,
                    ["can-cancel"] = true,
                    ["can-discard"] = true,
                    ["can-force-cancel"] = false,
                    ["can-force-execute"] = false,
                },
            },
            new JsonObject
            {
                ["workspace"] = TfeJson.Relation("workspaces", TfeIds.Workspace(job.Organization, job.Workspace)),
                ["plan"] = TfeJson.Relation("plans", TfeIds.Job(TfeIds.PlanPrefix, job.Organization, job.Workspace, job.Id)),
                ["apply"] = TfeJson.Relation("applies", TfeIds.Job(TfeIds.ApplyPrefix, job.Organization, job.Workspace, job.Id)),
            });
    }

    public static JsonObject Phase(string type, string prefix, TfeRunState run, JobStep? step, Uri baseUrl, TfeLogTokens tokens)
    {
        var job = run.Job;
        var id = TfeIds.Job(prefix, job.Organization, job.Workspace, job.Id);
        return TfeJson.Resource(type, id, new JsonObject
        {
            ["status"] = run.PhaseStatus(step),
            ["has-changes"] = job.PlanChanges == true,
            ["log-read-url"] = new Uri(baseUrl, $"{type}/{id}/logs/{Uri.EscapeDataString(tokens.Issue(id))}").AbsoluteUri,
        });
    }

    public static JsonObject ConfigurationVersion(ConfigurationVersion version, string? uploadUrl) => TfeJson.Resource(
        "configuration-versions",
        version.Id,
        new JsonObject
        {
            ["status"] = version.Status,
            ["speculative"] = version.Speculative,
            ["auto-queue-runs"] = false,
            ["source"] = "tfe-api",
            ["upload-url"] = uploadUrl,
        });

    public static JsonObject StateVersion(string organization, string workspace, StateVersion version, Uri baseUrl)
    {
        var id = TfeIds.Job(TfeIds.StateVersionPrefix, organization, workspace, version.Number);
        var download = new Uri(baseUrl, $"state-versions/{id}/download").AbsoluteUri;
        return TfeJson.Resource("state-versions", id, new JsonObject
        {
            ["serial"] = version.Serial,
            ["created-at"] = TfeJson.Time(version.CreatedAt),
            ["download-url"] = download,
            ["hosted-state-download-url"] = download,
            ["status"] = "finalized",
            ["resources-processed"] = true,
        });
    }
}
