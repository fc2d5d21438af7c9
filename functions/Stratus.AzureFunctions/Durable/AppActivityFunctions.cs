using Microsoft.Azure.Functions.Worker;
using Stratus.Orchestrations.Apps;

namespace Stratus.AzureFunctions.Durable;

/// <summary>One <c>[ActivityTrigger]</c> per app-operation activity class, named as the class.</summary>
internal static class AppActivityFunctions
{
    [Function(nameof(BuildAppActivity))]
    public static Task<BuildOutcome> BuildApp([ActivityTrigger] AppOperationInput input, FunctionContext context) =>
        ActivityInvoker.RunAsync<BuildAppActivity, AppOperationInput, BuildOutcome>(context, input);

    [Function(nameof(RolloutAppActivity))]
    public static Task<RolloutOutcome> RolloutApp([ActivityTrigger] RolloutInput input, FunctionContext context) =>
        ActivityInvoker.RunAsync<RolloutAppActivity, RolloutInput, RolloutOutcome>(context, input);

    [Function(nameof(RouteAppActivity))]
    public static Task<bool> RouteApp([ActivityTrigger] RolloutInput input, FunctionContext context) =>
        ActivityInvoker.RunAsync<RouteAppActivity, RolloutInput, bool>(context, input);

    [Function(nameof(FinishAppOperationActivity))]
    public static Task<bool> FinishAppOperation([ActivityTrigger] FinishInput input, FunctionContext context) =>
        ActivityInvoker.RunAsync<FinishAppOperationActivity, FinishInput, bool>(context, input);
}
