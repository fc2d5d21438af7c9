namespace Stratus.Infra.Templates;

/// <summary>A template every new organization starts with.</summary>
public sealed record DefaultTemplate(string Name, string Description, string Yaml);
