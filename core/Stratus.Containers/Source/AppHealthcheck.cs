namespace Stratus.Containers.Source;

/// <summary>
/// Tsuru's <c>healthcheck</c> (and <c>startupcheck</c>, the same shape without the deploy timeout and restart): an HTTP
/// <see cref="Path"/> or an exec <see cref="Command"/> (exactly one). Zero seconds or failures mean "not set": the
/// provisioner applies Tsuru's defaults (interval 10 s, timeout 60 s, 3 failures, deploy wait at least 120 s).
/// </summary>
public sealed record AppHealthcheck
{
    public string? Path { get; init; }

    /// <summary>An exec probe; a YAML string is taken as <c>/bin/sh -c &lt;string&gt;</c>.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary><c>http</c> or <c>https</c>; null = http.</summary>
    public string? Scheme { get; init; }

    /// <summary>HTTP headers the probe sends (<c>Host</c>, an auth token…).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public int IntervalSeconds { get; init; }

    public int TimeoutSeconds { get; init; }

    public int AllowedFailures { get; init; }

    public int DeployTimeoutSeconds { get; init; }

    public bool ForceRestart { get; init; }
}
