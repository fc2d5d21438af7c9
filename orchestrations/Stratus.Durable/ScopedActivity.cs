using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Stratus.Durable;

/// <summary>
/// Runs a <see cref="ITaskActivity"/> class inside a DI scope that lives exactly as long as the execution, so scoped
/// dependencies (stores, HTTP clients) are disposed when the activity ends.
/// </summary>
internal sealed class ScopedActivity(string name, Type type, IServiceScopeFactory scopes, DurableTaskShimFactory shims) : TaskActivity
{
    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException("DTFx calls RunAsync on asynchronous activities.");

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        using var span = DurableTelemetry.StartActivityExecution(name, context.OrchestrationInstance?.InstanceId);
        await using var scope = scopes.CreateAsyncScope();
        var stopping = scope.ServiceProvider.GetRequiredService<ActivityCancellation>().Token;
        var activity = (ITaskActivity)ActivatorUtilities.CreateInstance(scope.ServiceProvider, type);
        try
        {
            return await shims.CreateActivity(new TaskName(name), activity).RunAsync(context, input);
        }
        catch (Exception ex) when (Failed(span, ex))
        {
            throw;
        }
        catch (Exception ex) when (stopping.IsCancellationRequested && ex is not SessionAbortedException)
        {
            // Cut short by the worker's stop, not failed: DTFx abandons the work item instead of recording a failure,
            // so the activity is delivered again (see ActivityCancellation).
            throw new SessionAbortedException($"Activity '{name}' was stopped with its worker; it runs again.", ex);
        }
    }

    // An exception filter that records and never catches, so the stop handling below still sees the exception.
    private static bool Failed(Activity? span, Exception ex)
    {
        span?.SetStatus(ActivityStatusCode.Error, ex.Message);
        span?.AddException(ex);
        return false;
    }
}
