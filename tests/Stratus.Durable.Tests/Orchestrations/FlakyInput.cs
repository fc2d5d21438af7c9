namespace Stratus.Durable.Tests.Orchestrations;

public sealed record FlakyInput(string Key, int FailTimes, string Exception = nameof(InvalidOperationException));
