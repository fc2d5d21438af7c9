namespace Stratus.Cli.Api;

/// <summary>An RFC 7807 problem as the API answers every error.</summary>
internal sealed record ApiProblem(string? Type, string? Title, int? Status, string? Detail, string? Instance);
