namespace Stratus.Durable.Tests.Orchestrations;

/// <summary>The call number that succeeded (0 if none did), or the message of the failure the retries gave up on.</summary>
internal sealed record RetryResult(int SucceededOnCall, string? LastError);
