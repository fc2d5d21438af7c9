namespace Stratus.Api.Infra.State;

/// <summary>Whether an unlock released a lock (<c>false</c>: the state was not locked), and the lock it released.</summary>
internal sealed record StateUnlockResponse(bool Released, StateLockResponse? Lock);
