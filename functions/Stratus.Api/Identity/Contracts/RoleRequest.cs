using Stratus.Api.Api.Validation;

namespace Stratus.Api.Identity.Contracts;

/// <summary>A custom role: permission names or wildcards (<c>app.*</c>). On PUT the name comes from the route.</summary>
internal sealed record RoleRequest([property: Text(InputLimits.IdentityName)] string? Name, [property: Text(InputLimits.Description, Kind = TextKind.MultiLine)] string? Description, [property: TextList(InputLimits.MaxPermissions, InputLimits.Name)] IReadOnlyList<string>? Permissions);
