using Microsoft.Azure.Functions.Worker;
using Stratus.Orchestrations.AppJobs;

namespace Stratus.AzureFunctions.Durable;

/// <summary>One <c>[ActivityTrigger]</c> per app-job activity class, named as the class.</summary>
internal static class AppJobActivityFunctions
{
    [Function(nameof(RunAppJobActivity))]
    public static Task<AppJobRunOutcome> RunAppJob([ActivityTrigger] AppJobRunInput input, FunctionContext context) =>
        ActivityInvoker.RunAsync<RunAppJobActivity, AppJobRunInput, AppJobRunOutcome>(context, input);

    [Function(nameof(FinishAppJobRunActivity))]
    public static Task<bool> FinishAppJobRun([ActivityTrigger] AppJobRunFinish input, FunctionContext context) =>
        ActivityInvoker.RunAsync<FinishAppJobRunActivity, AppJobRunFinish, bool>(context, input);
}
