using Stratus.Api.Api.Validation;

namespace Stratus.Api.Infra.Workspaces;

/// <summary>
/// A workspace. <see cref="Source"/> is a git URL (with <see cref="Branch"/> or <see cref="Commit"/>); leave it out
/// and upload a tar.gz to <c>PUT …/source</c> instead. On PATCH only the properties sent change.
/// </summary>
internal sealed record WorkspaceRequest(
    [property: Text(InputLimits.InfraName)] string? Name,
    [property: Text(InputLimits.Description, Kind = TextKind.MultiLine)] string? Description,
    [property: Text(InputLimits.Url)] string? Source,
    [property: Text(InputLimits.GitRef)] string? Branch,
    [property: Text(InputLimits.GitRef)] string? Commit,
    [property: Text(InputLimits.Path)] string? Folder,
    [property: Text(InputLimits.Keyword)] string? IacType,
    [property: Text(InputLimits.Version)] string? TerraformVersion,
    [property: Text(InputLimits.InfraName)] string? DefaultTemplate,
    [property: Text(InputLimits.Keyword)] string? ExecutionMode,
    [property: TextList(InputLimits.MaxTags, InputLimits.Tag)] IReadOnlyList<string>? Tags);
