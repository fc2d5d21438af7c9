namespace Stratus.Api.Apps.Env;

/// <summary>One variable to set; <see cref="Private"/> falls back to the request's own <c>private</c>.</summary>
internal sealed record EnvVarRequest(string? Name, string? Value, bool? Private);
