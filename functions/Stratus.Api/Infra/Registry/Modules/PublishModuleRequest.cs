using Stratus.Api.Api.Validation;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>
/// Publish a module from a git repository's version tags: the ones in <see cref="Tags"/>, or every tag that is a
/// semantic version (<c>v1.2.0</c> or <c>1.2.0</c>) and not yet published.
/// </summary>
internal sealed record PublishModuleRequest(
    [property: Text(InputLimits.Url)] string? Source,
    [property: Text(InputLimits.Path)] string? Folder,
    [property: TextList(Stratus.Infra.Registry.Modules.ModuleStore.MaxVersionsPerPublish, InputLimits.GitRef)] IReadOnlyList<string>? Tags,
    [property: Text(InputLimits.Description, Kind = TextKind.MultiLine)] string? Description);
