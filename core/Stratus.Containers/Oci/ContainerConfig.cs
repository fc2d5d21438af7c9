namespace Stratus.Containers.Oci;

/// <summary>The <c>config</c> object of an image config: how a container of the image runs.</summary>
public sealed record ContainerConfig
{
    public string? User { get; init; }

    /// <summary><c>NAME=value</c> entries in image order.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyList<string>? Entrypoint { get; init; }

    public IReadOnlyList<string>? Cmd { get; init; }

    public string? WorkingDir { get; init; }

    /// <summary>Keys of <c>ExposedPorts</c>, e.g. <c>8888/tcp</c>, in ordinal order; a bare port (as buildah writes it) reads as tcp.</summary>
    public IReadOnlyList<string> ExposedPorts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string? StopSignal { get; init; }

    /// <summary>The value of environment variable <paramref name="name"/>, or null when the image does not set it.</summary>
    public string? GetEnv(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var prefix = name + "=";
        var entry = Env.LastOrDefault(e => e.StartsWith(prefix, StringComparison.Ordinal));
        return entry?[prefix.Length..];
    }
}
