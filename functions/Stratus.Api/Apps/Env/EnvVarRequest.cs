using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Env;

/// <summary>One variable to set; <see cref="Private"/> falls back to the request's own <c>private</c>.</summary>
internal sealed record EnvVarRequest([property: Text(InputLimits.EnvName)] string? Name, [property: Text(InputLimits.Value, Kind = TextKind.MultiLine)] string? Value, bool? Private);
