using Microsoft.Extensions.Options;

namespace Stratus.Orchestrations.Apps;

/// <summary>
/// A token that is set but blank (an empty Key Vault reference, a stray space), a kubeconfig that is not there or an
/// in-cluster mode outside a pod would only show at the first Kubernetes deploy; refuse them at start instead.
/// </summary>
internal sealed class PoolDriverOptionsValidator : IValidateOptions<PoolDriverOptions>
{
    public ValidateOptionsResult Validate(string? name, PoolDriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.KubernetesToken is { } token && (string.IsNullOrWhiteSpace(token) || token.Trim() != token))
        {
            return ValidateOptionsResult.Fail($"{PoolDriverOptions.SectionName}:KubernetesToken is set but blank or padded with whitespace; leave it out or give the service account token.");
        }

        var errors = options.KubernetesAuth().Validate();
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(errors.Select(e => $"{PoolDriverOptions.SectionName}:Kubernetes: {e}"));
    }
}
