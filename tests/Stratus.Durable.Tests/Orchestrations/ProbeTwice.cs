using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Calls <see cref="UseScopedProbe"/> twice in a row and returns the two probe ids.</summary>
internal sealed class ProbeTwice : TaskOrchestrator<object?, Guid[]>
{
    public override async Task<Guid[]> RunAsync(TaskOrchestrationContext context, object? input) =>
        [await context.CallActivityAsync<Guid>(nameof(UseScopedProbe), 1), await context.CallActivityAsync<Guid>(nameof(UseScopedProbe), 2)];
}
