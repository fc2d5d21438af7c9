namespace Stratus.Durable.Tests.Orchestrations;

public sealed record RetryResult(int SucceededOnCall, string? LastError, double ElapsedMs);
