using Microsoft.DurableTask;

namespace Stratus.Orchestrations.Tests.Hosting;

/// <summary>
/// The calls the fake activities received, in the order they ran. Tests wait on it (polling, with a deadline) for an
/// orchestration to reach a point, and assert on it afterwards.
/// </summary>
internal sealed class ActivityLog
{
    private readonly Lock _gate = new();
    private readonly List<ActivityCall> _calls = [];

    public IReadOnlyList<ActivityCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public void Record(TaskActivityContext context, object? input)
    {
        lock (_gate)
        {
            _calls.Add(new ActivityCall(context.Name.Name, context.InstanceId, input));
        }
    }

    /// <summary>The activities called, by name, in order.</summary>
    public IReadOnlyList<string> Names() => [.. Calls.Select(c => c.Name)];

    /// <summary>The inputs of every call of <paramref name="activity"/>, in order.</summary>
    public IReadOnlyList<T> Inputs<T>(string activity) => [.. Calls.Where(c => c.Name == activity).Select(c => (T)c.Input!)];

    public int Count(string activity) => Calls.Count(c => c.Name == activity);

    /// <summary>Waits until <paramref name="condition"/> holds for the calls so far; fails with the calls seen when the deadline passes.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<ActivityCall>, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(OrchestrationTestHost.Deadline);
        while (!condition(Calls))
        {
            try
            {
                await Task.Delay(OrchestrationTestHost.PollInterval, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting for {what}; activity calls so far: {string.Join(", ", Names())}.");
            }
        }
    }
}
