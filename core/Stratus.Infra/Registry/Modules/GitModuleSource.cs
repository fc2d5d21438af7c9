namespace Stratus.Infra.Registry.Modules;

/// <summary>Where a git publish reads a module from.</summary>
/// <param name="Url">The repository (https, ssh, or file:// where the host allows it).</param>
/// <param name="Folder">The module's folder inside the repository; null for its root.</param>
/// <param name="Tags">The version tags to publish; null for every tag that is a semantic version and not yet published.</param>
public sealed record GitModuleSource(string Url, string? Folder, IReadOnlyList<string>? Tags);
