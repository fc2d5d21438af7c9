using Microsoft.Extensions.Options;

namespace Stratus.Orchestrations.Apps;

/// <summary>
/// A token that is set but blank (an empty Key Vault reference, a stray space) would only show as 401s from the
/// cluster at the first Kubernetes deploy; refuse it at start instead.
/// </summary>
internal sealed class PoolDriverOptionsValidator : IValidateOptions<PoolDriverOptions>
{
    public ValidateOptionsResult Validate(string? name, PoolDriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.KubernetesToken is { } token && (string.IsNullOrWhiteSpace(token) || token.Trim() != token)
            ? ValidateOptionsResult.Fail($"{PoolDriverOptions.SectionName}:KubernetesToken is set but blank or padded with whitespace; leave it out or give the service account token.")
            : ValidateOptionsResult.Success;
    }
}
