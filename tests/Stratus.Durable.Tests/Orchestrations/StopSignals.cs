namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>
/// What <see cref="WaitForStop"/> saw on one host: it started, and its <see cref="ActivityCancellation"/> token fired.
/// With <see cref="Block"/> off it returns at once instead of waiting.
/// </summary>
internal sealed class StopSignals(bool block)
{
    public bool Block { get; } = block;

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
