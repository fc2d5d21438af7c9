namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>A call to <see cref="Flaky"/>: its key (one per test), and how many calls fail before one succeeds.</summary>
internal sealed record FlakyInput(string Key, int FailTimes, string Exception = nameof(InvalidOperationException));
