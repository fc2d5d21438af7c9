using Microsoft.Extensions.Options;
using Stratus.Identity.Tokens;

namespace Stratus.Api.Identity;

/// <summary>The checks data annotations cannot express; each failure names the setting and what to put there.</summary>
internal sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        var failures = new List<string>();
        if (options.BootstrapAdminToken is { } token && (!TokenSecrets.TryRecognize(token, out var kind) || kind != TokenKind.Personal))
        {
            failures.Add("Stratus:Identity:BootstrapAdminToken is not a Stratus personal token (stratus_pat_… with a valid checksum). Leave it empty to have one generated and printed at first start.");
        }

        if (options.DefaultTokenLifetimeDays > options.MaxTokenLifetimeDays)
        {
            failures.Add("Stratus:Identity:DefaultTokenLifetimeDays must not exceed Stratus:Identity:MaxTokenLifetimeDays.");
        }

        foreach (var (setting, value) in new[]
        {
            (nameof(ThrottleOptions.PerUserFailureLimit), options.Throttle.PerUserFailureLimit),
            (nameof(ThrottleOptions.PerCredentialFailureLimit), options.Throttle.PerCredentialFailureLimit),
            (nameof(ThrottleOptions.PerAddressFailureLimit), options.Throttle.PerAddressFailureLimit),
        })
        {
            if (value is < 1 or > 100_000)
            {
                failures.Add($"Stratus:Identity:Throttle:{setting} must be between 1 and 100000 failed attempts per 15 minutes (it is {value}).");
            }
        }

        if (options.Oidc.Enabled)
        {
            if (!Uri.TryCreate(options.Oidc.Authority, UriKind.Absolute, out var authority))
            {
                failures.Add("Stratus:Identity:Oidc:Authority must be an absolute URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0.");
            }
            else if (options.Oidc.RequireHttpsMetadata && authority.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add("Stratus:Identity:Oidc:Authority must use https (set Oidc:RequireHttpsMetadata=false only for a local test provider).");
            }

            if (string.IsNullOrWhiteSpace(options.Oidc.Audience))
            {
                failures.Add("Stratus:Identity:Oidc:Audience is required when Oidc:Authority is set: tokens for other APIs must not be accepted.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
