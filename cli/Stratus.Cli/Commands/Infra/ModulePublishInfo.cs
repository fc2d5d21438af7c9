namespace Stratus.Cli.Commands.Infra;

/// <summary>What a module publish stored, and the tags it left out.</summary>
internal sealed record ModulePublishInfo(ModuleInfo Module, IReadOnlyList<ModuleVersionInfo> Published, IReadOnlyList<string> AlreadyPublished, IReadOnlyList<string> IgnoredTags);
