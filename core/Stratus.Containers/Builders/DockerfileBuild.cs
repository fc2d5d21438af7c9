namespace Stratus.Containers.Builders;

/// <summary>A Dockerfile build: <paramref name="ContextDirectory"/> is the build context, <paramref name="Target"/> the image reference to push.</summary>
public sealed record DockerfileBuild(string ContextDirectory, string Target)
{
    /// <summary>Relative to the context; it must stay inside it.</summary>
    public string Dockerfile { get; init; } = "Dockerfile";

    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
