using Microsoft.DurableTask;

namespace Stratus.AzureFunctions.Durable;

/// <summary>
/// What a <see cref="TaskActivity{TInput,TOutput}"/> learns of its invocation. An <c>[ActivityTrigger]</c> function
/// gets its input, not a context; its name and the orchestration's instance id come from the function's binding data.
/// </summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
