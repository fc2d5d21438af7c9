using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>Fails with the named exception until it has been called <c>FailTimes</c> times for its key, then returns the call count.</summary>
internal sealed class Flaky : TaskActivity<FlakyInput, int>
{
    public static readonly ConcurrentDictionary<string, int> Calls = new();

    public override Task<int> RunAsync(TaskActivityContext context, FlakyInput input)
    {
        var call = Calls.AddOrUpdate(input.Key, 1, (_, n) => n + 1);
        if (call <= input.FailTimes)
        {
            throw input.Exception == nameof(TimeoutException)
                ? new TimeoutException($"call {call}")
                : new InvalidOperationException($"call {call}");
        }

        return Task.FromResult(call);
    }
}
