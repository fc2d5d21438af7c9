namespace Stratus.Api.Infra.Organizations;

/// <summary>On PATCH the name comes from the route and only the description changes.</summary>
internal sealed record OrganizationRequest(string? Name, string? Description);
