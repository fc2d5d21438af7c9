using Microsoft.Azure.Functions.Worker;
using System.Diagnostics;
using Microsoft.DurableTask;
using Stratus.Durable;

namespace Stratus.AzureFunctions.Durable;

/// <summary>
/// Runs a <see cref="TaskActivity{TInput,TOutput}"/> for its <c>[ActivityTrigger]</c> wrapper: the activity is created
/// from the invocation's scope, as the standalone worker creates it from a scope per execution.
/// </summary>
internal static class ActivityInvoker
{
    public static async Task<TOutput> RunAsync<TActivity, TInput, TOutput>(FunctionContext context, TInput input)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        var activity = ActivatorUtilities.CreateInstance<TActivity>(context.InstanceServices);
        var instanceId = context.BindingContext.BindingData.TryGetValue("instanceId", out var id) && id is not null
            ? Convert.ToString(id, System.Globalization.CultureInfo.InvariantCulture) ?? ""
            : "";
        var name = typeof(TActivity).Name;

        // The same span the standalone worker records, so traces read alike on both hosts.
        using var span = DurableTelemetry.StartActivityExecution(name, instanceId);
        try
        {
            return await activity.RunAsync(new FunctionActivityContext(name, instanceId), input);
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            span?.AddException(ex);
            throw;
        }
    }
}
