using Stratus.Api.Api.Validation;

namespace Stratus.Api.Infra.Organizations;

/// <summary>On PATCH the name comes from the route and only the description changes.</summary>
internal sealed record OrganizationRequest([property: Text(InputLimits.InfraName)] string? Name, [property: Text(InputLimits.Description, Kind = TextKind.MultiLine)] string? Description);
