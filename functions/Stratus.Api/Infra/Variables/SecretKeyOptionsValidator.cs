using Microsoft.Extensions.Options;
using Stratus.Infra.Variables;
using Stratus.Secrets;

namespace Stratus.Api.Infra.Variables;

/// <summary>Checks the secret key settings at start; each failure names the setting and what to put there.</summary>
internal sealed class SecretKeyOptionsValidator(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<SecretKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretKeyOptions options)
    {
        var prefix = SecretKeyOptions.SettingPrefix;
        var failures = new List<string>();
        var retired = new Dictionary<string, string>(options.RetiredSecretKeys, StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(options.SecretKey))
        {
            var core = new SecretProtectorOptions { Key = options.SecretKey, KeyId = options.SecretKeyId, RetiredKeys = retired };
            failures.AddRange(core.Problems(prefix));
        }
        else
        {
            // Checks everything but the key itself, which comes from the key file.
            var core = new SecretProtectorOptions { Key = SecretProtector.GenerateKey(), KeyId = options.SecretKeyId, RetiredKeys = retired };
            failures.AddRange(core.Problems(prefix));
            if (options.SecretKeyFile is null && !SecretKeyOptions.IsLocal(configuration, environment))
            {
                failures.Add(
                    $"{prefix}SecretKey is required with the Azure storage provider outside the Development environment: it encrypts sensitive variables. " +
                    "Set Stratus__Infra__SecretKey to a base64 32-byte key (`openssl rand -base64 32`), in Azure as a Key Vault reference " +
                    "(@Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>/)), or point Stratus__Infra__SecretKeyFile at a mounted key file.");
            }
            else if (options.SecretKeyFile is null && SecretKeyOptions.DefaultKeyFile() is null)
            {
                failures.Add($"{prefix}SecretKey is not set and this user has no local application data folder for a generated key: set {prefix}SecretKey or {prefix}SecretKeyFile.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
