namespace Stratus.Sandbox;

/// <summary>
/// Chosen when no sandbox can run here (podman absent and no driver set): every step fails with <see cref="Unavailable"/>
/// rather than run unsandboxed.
/// </summary>
internal sealed class UnavailableStepSandbox(string reason) : IStepSandbox
{
    public string Driver => "none";

    public string? Unavailable => reason;

    public Task StartAsync(StepSandboxSpec spec, CancellationToken cancellationToken) => throw new InvalidOperationException(reason);

    public Task<SandboxInfo> InspectAsync(string name, CancellationToken cancellationToken) => Task.FromResult(SandboxInfo.Missing(name));

    public Task<int> FollowAsync(string name, long fromLine, Action<string> onLine, CancellationToken cancellationToken) => throw new SandboxMissingException(name);

    public Task StopAsync(string name, TimeSpan gracePeriod, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RemoveAsync(string name, CancellationToken cancellationToken) => Task.CompletedTask;
}
