using Stratus.Infra;
using Stratus.Infra.Jobs;
using Stratus.Infra.Templates;
using Stratus.Infra.Workspaces;
using Stratus.Orchestrations.Jobs;

namespace Stratus.Api.Infra.Jobs;

/// <summary>
/// Creates a job from a template, whoever asks (the API, a schedule): the template's TCL is copied onto the job, one
/// step per flow, and the workspace's queue is woken so an idle workspace starts the job at once.
/// </summary>
internal sealed class JobFactory(WorkspaceStore workspaces, TemplateStore templates, JobStore jobs, JobQueue queue, TimeProvider time)
{
    /// <param name="authorize">Called with whether the template applies or destroys; returning a problem text stops the creation.</param>
    /// <param name="onceKey">When set, at most one job is ever created for it (a schedule's firing).</param>
    public Task<JobCreation> CreateAsync(
        string organization,
        string workspace,
        string? templateId,
        string via,
        string createdBy,
        string? comments,
        string? onceKey,
        Func<bool, Task<string?>>? authorize,
        CancellationToken cancellationToken) =>
        CreateAsync(organization, workspace, templateId, via, createdBy, comments, onceKey, sourceArchive: null, authorize, cancellationToken);

    /// <param name="sourceArchive">A configuration archive in the sources container the job runs instead of the workspace's source.</param>
    public async Task<JobCreation> CreateAsync(
        string organization,
        string workspace,
        string? templateId,
        string via,
        string createdBy,
        string? comments,
        string? onceKey,
        string? sourceArchive,
        Func<bool, Task<string?>>? authorize,
        CancellationToken cancellationToken)
    {
        if (await workspaces.GetAsync(organization, workspace, cancellationToken) is not { } found)
        {
            return new JobCreation(null, $"There is no workspace '{workspace}' in organization '{organization}'.", NotFound: true, false, false);
        }

        templateId ??= found.DefaultTemplate;
        if (templateId is null)
        {
            return new JobCreation(null, "Name a template, e.g. {\"template\": \"plan\"}, or set the workspace's defaultTemplate.", false, false, false);
        }

        if (InfraNames.Problem(templateId, "template") is not null || await templates.GetAsync(organization, templateId, cancellationToken) is not { } template)
        {
            return new JobCreation(null, $"Organization '{organization}' has no template '{templateId}'. GET /api/v1/organizations/{organization}/templates lists them.", NotFound: true, false, false);
        }

        var parsed = TclParser.Parse(template.Tcl);
        if (parsed.Template is null)
        {
            return new JobCreation(null, $"Template '{templateId}' is not valid: {string.Join("; ", parsed.Problems.Take(3))}", false, false, false);
        }

        var changes = parsed.Template.Flows.Any(f => f.Type is TclFlowType.TerraformApply or TclFlowType.TerraformDestroy);
        if (authorize is not null && await authorize(changes) is { } refused)
        {
            return new JobCreation(null, refused, false, false, changes);
        }

        var job = await jobs.CreateOnceAsync(
            new Job(organization, workspace, 0, JobStatus.Pending, templateId, template.Tcl, via, createdBy, time.GetUtcNow(), null, null, null, null, null, null, null, comments, false, null) { SourceArchive = sourceArchive },
            parsed.Template.Flows.Select(f => new JobStep(0, f.Step, f.Name ?? f.Type, f.Type, StepStatus.Pending, null, null, null, null)).ToList(),
            onceKey,
            cancellationToken);
        if (job is null)
        {
            return new JobCreation(null, null, false, Duplicate: true, changes);
        }

        await queue.JobAddedAsync(organization, workspace, cancellationToken);
        return new JobCreation(job, null, false, false, changes);
    }
}
