namespace Stratus.Kubernetes.Runtime;

/// <summary>tsuru.yaml's <c>healthcheck</c> or <c>startupcheck</c>: an HTTP path or a command; defaults as Tsuru's.</summary>
public sealed record HealthcheckSpec(string? Path, string? Command)
{
    /// <summary><c>HTTP</c> or <c>HTTPS</c>, as a Kubernetes probe's <c>scheme</c>.</summary>
    public string Scheme { get; init; } = "HTTP";

    /// <summary>Headers an HTTP probe sends.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public int IntervalSeconds { get; init; } = 10;

    public int TimeoutSeconds { get; init; } = 60;

    public int AllowedFailures { get; init; } = 3;

    /// <summary>The rollout waits at most max(this, 120 s) for every unit to be ready.</summary>
    public int DeployTimeoutSeconds { get; init; } = 120;
}
