namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>What a publish stored, and which tags it left out and why.</summary>
/// <param name="AlreadyPublished">Tags whose version the module had already (skipped when publishing every tag).</param>
/// <param name="IgnoredTags">Tags that are not semantic versions (left out when publishing every tag).</param>
internal sealed record PublishModuleResponse(
    ModuleResponse Module,
    IReadOnlyList<ModuleVersionResponse> Published,
    IReadOnlyList<string> AlreadyPublished,
    IReadOnlyList<string> IgnoredTags);
