using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Stratus.AzureFunctions.Durable;

/// <summary>
/// Runs a <see cref="TaskActivity{TInput,TOutput}"/> for its <c>[ActivityTrigger]</c> wrapper: the activity is created
/// from the invocation's scope, as the standalone worker creates it from a scope per execution.
/// </summary>
internal static class ActivityInvoker
{
    public static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(FunctionContext context, TInput input)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        var activity = ActivatorUtilities.CreateInstance<TActivity>(context.InstanceServices);
        var instanceId = context.BindingContext.BindingData.TryGetValue("instanceId", out var id) && id is not null
            ? Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture) ?? ""
            : "";
        return activity.RunAsync(new FunctionActivityContext(typeof(TActivity).Name, instanceId), input);
    }
}
