using Stratus.Api.Api.Validation;
using Stratus.Identity.Principals;

namespace Stratus.Api.Identity.Contracts;

internal sealed record UpdateTeamRequest([property: Text(InputLimits.Description, Kind = TextKind.MultiLine)] string? Description, [property: TextList(InputLimits.MaxGroups, GroupNames.MaxLength)] IReadOnlyList<string>? Groups);
