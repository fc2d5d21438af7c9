namespace Stratus.Infra.Templates;

/// <summary>
/// One flow of a template; a job turns it into the step numbered <see cref="Step"/>.
/// </summary>
/// <param name="Type">One of <see cref="TclFlowType.All"/>.</param>
/// <param name="Team">For approval flows: the team whose members may approve or reject (the job's approvalTeam).</param>
/// <param name="IgnoreError">A failed step does not fail the job.</param>
/// <param name="Commands">Ordered by priority; the document order breaks ties.</param>
/// <param name="OnFailure">Run, by priority, when the flow fails.</param>
/// <param name="OnReject">Approval flows only: run, by priority, when the job is rejected.</param>
/// <param name="Templates">scheduleTemplates flows only: the schedules to create.</param>
/// <param name="InputsEnv">Environment variable name → <c>$NAME</c> of an organization global, kept as written.</param>
/// <param name="InputsTerraform">Terraform variable name → <c>$NAME</c> of an organization global, kept as written.</param>
/// <param name="ImportCommands">Commands fetched from a git repository when the step runs, or null.</param>
/// <param name="RequireSavedPlan">terraform* flows: <c>requireSavedPlan</c> as written (false when absent).</param>
public sealed record TclFlow(
    string Type,
    int Step,
    string? Name,
    string? Team,
    bool IgnoreError,
    IReadOnlyList<TclCommand> Commands,
    IReadOnlyList<TclCommand> OnFailure,
    IReadOnlyList<TclCommand> OnReject,
    IReadOnlyList<TclScheduleTemplate> Templates,
    IReadOnlyDictionary<string, string> InputsEnv,
    IReadOnlyDictionary<string, string> InputsTerraform,
    TclImportCommands? ImportCommands = null,
    bool RequireSavedPlan = false);
