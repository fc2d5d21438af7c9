namespace Stratus.Cli.Commands.Infra;

/// <summary>An organization as the API answers it.</summary>
internal sealed record OrganizationInfo(string Name, string? Description, DateTimeOffset CreatedAt, string CreatedBy);
