using Stratus.Identity.Authorization;

namespace Stratus.Api.Identity.Contracts;

internal sealed record RoleResponse(string Name, string Description, IReadOnlyList<string> Permissions, bool BuiltIn)
{
    public static RoleResponse From(Role role) => new(role.Name, role.Description, role.Permissions, role.BuiltIn);
}
