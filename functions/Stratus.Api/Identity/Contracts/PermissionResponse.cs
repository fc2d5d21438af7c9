using Stratus.Identity.Authorization;

namespace Stratus.Api.Identity.Contracts;

internal sealed record PermissionResponse(string Name, string Description, IReadOnlyList<string> Scopes)
{
    public static PermissionResponse From(PermissionInfo info) => new(info.Name, info.Description, info.Scopes.Select(Scope.KindName).ToList());
}
