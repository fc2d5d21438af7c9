using Stratus.Apps.Apps;

namespace Stratus.Api.Apps.Env;

/// <summary>A variable as shown: a private one's <see cref="Value"/> is always <c>null</c>.</summary>
internal sealed record EnvVarResponse(string Name, string? Value, bool Private)
{
    public static EnvVarResponse From(EnvVar env) => new(env.Name, env.Private ? null : env.Value, env.Private);
}
