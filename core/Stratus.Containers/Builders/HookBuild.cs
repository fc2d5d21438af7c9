using Stratus.Containers.Source;

namespace Stratus.Containers.Builders;

/// <summary>
/// A platform build: <paramref name="SourceDirectory"/> (the extracted upload) goes into <paramref name="BaseImage"/>
/// at <c>/home/application/current</c>, <see cref="BuildHooks"/> run there in order, and the result is pushed to
/// <paramref name="Target"/>.
/// </summary>
public sealed record HookBuild(string BaseImage, string SourceDirectory, string Target)
{
    /// <summary>Tsuru's <c>hooks.build</c>, each run as <c>/bin/sh -lc &lt;command&gt;</c>.</summary>
    public IReadOnlyList<string> BuildHooks { get; init; } = [];

    /// <summary>Set in the image config before the hooks run, so the hooks see them too.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Exposed ports (<c>8888</c> or <c>53/udp</c>).</summary>
    public IReadOnlyList<string> Ports { get; init; } = [];

    /// <summary>The image CMD in exec form; null keeps the base image's.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The image ENTRYPOINT in exec form; null keeps the base image's, empty clears it.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    public string WorkingDirectory { get; init; } = AppSourceLayer.ApplicationDirectory;

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
