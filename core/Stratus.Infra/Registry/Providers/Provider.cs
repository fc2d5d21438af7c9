namespace Stratus.Infra.Registry.Providers;

/// <summary>A provider in an organization's private registry, addressed by terraform as <c>&lt;host&gt;/&lt;organization&gt;/&lt;type&gt;</c>.</summary>
public sealed record Provider(string Organization, string Type, DateTimeOffset CreatedAt, string CreatedBy);
