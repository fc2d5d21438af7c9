namespace Stratus.Cli.Commands.Registry;

/// <summary>A private provider as the API answers it.</summary>
internal sealed record ProviderInfo(string Organization, string Type, DateTimeOffset CreatedAt, string CreatedBy);
