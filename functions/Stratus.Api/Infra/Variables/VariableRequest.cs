namespace Stratus.Api.Infra.Variables;

/// <summary>
/// A variable to create, or the properties to change (those left out stay as they are). <see cref="Category"/> is
/// <c>TERRAFORM</c> (the default) or <c>ENV</c>. A sensitive value is write-only: no response ever shows it.
/// </summary>
internal sealed record VariableRequest(string? Key, string? Value, string? Description, string? Category, bool? Sensitive, bool? Hcl);
