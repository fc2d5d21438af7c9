namespace Stratus.Cli.Api.Models;

internal sealed record GrantInfo(string Id, string Principal, string Role, string Scope, DateTimeOffset CreatedAt, string CreatedBy);
