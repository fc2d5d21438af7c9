using Microsoft.Azure.Functions.Worker;
using Stratus.Orchestrations.Jobs;

namespace Stratus.AzureFunctions.Durable;

/// <summary>One <c>[ActivityTrigger]</c> per job and workspace-queue activity class, named as the class.</summary>
internal static class JobActivityFunctions
{
    [Function(nameof(NextJobActivity))]
    public static Task<NextJob> NextJob([ActivityTrigger] WorkspaceQueueInput input, FunctionContext context) =>
        ActivityInvoker.RunAsync<NextJobActivity, WorkspaceQueueInput, NextJob>(context, input);

    [Function(nameof(StartJobActivity))]
    public static Task<JobStart> StartJob([ActivityTrigger] JobInput input, FunctionContext context) =>
        ActivityInvoker.RunAsync<StartJobActivity, JobInput, JobStart>(context, input);

    [Function(nameof(RunExecutorStepActivity))]
    public static Task<StepResult> RunExecutorStep([ActivityTrigger] StepInput input, FunctionContext context) =>
        ActivityInvoker.RunAsync<RunExecutorStepActivity, StepInput, StepResult>(context, input);

    [Function(nameof(SetStatusActivity))]
    public static Task<bool> SetStatus([ActivityTrigger] StepStatusChange input, FunctionContext context) =>
        ActivityInvoker.RunAsync<SetStatusActivity, StepStatusChange, bool>(context, input);

    [Function(nameof(DisableWorkspaceActivity))]
    public static Task<bool> DisableWorkspace([ActivityTrigger] StepInput input, FunctionContext context) =>
        ActivityInvoker.RunAsync<DisableWorkspaceActivity, StepInput, bool>(context, input);

    [Function(nameof(ScheduleTemplatesActivity))]
    public static Task<StepResult> ScheduleTemplates([ActivityTrigger] StepInput input, FunctionContext context) =>
        ActivityInvoker.RunAsync<ScheduleTemplatesActivity, StepInput, StepResult>(context, input);

    [Function(nameof(FinishJobActivity))]
    public static Task<bool> FinishJob([ActivityTrigger] JobFinish input, FunctionContext context) =>
        ActivityInvoker.RunAsync<FinishJobActivity, JobFinish, bool>(context, input);
}
