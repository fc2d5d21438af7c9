using Stratus.Api.Api.Validation;
using Stratus.Identity.Principals;

namespace Stratus.Api.Identity.Contracts;

/// <summary>A team; <see cref="Groups"/> are identity-provider groups (Entra object ids) whose members belong to it.</summary>
internal sealed record CreateTeamRequest([property: Text(InputLimits.IdentityName)] string? Name, [property: Text(InputLimits.Description, Kind = TextKind.MultiLine)] string? Description, [property: TextList(InputLimits.MaxGroups, GroupNames.MaxLength)] IReadOnlyList<string>? Groups);
