namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>A flaky call with a retry policy: attempts, first interval (ms), and which exception type to retry (null: all).</summary>
internal sealed record RetryInput(FlakyInput Call, int MaxAttempts, int FirstIntervalMs, string? RetryOnly = null);
