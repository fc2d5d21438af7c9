namespace Stratus.Api.Terraform;

/// <summary>
/// Where each Terraform protocol is served. All under <c>/api/</c>, so the Azure app's <c>api</c> function carries them
/// like every other endpoint; only discovery needs a function of its own (<c>/.well-known/</c>).
/// </summary>
internal static class TerraformServicePaths
{
    public const string Discovery = "/.well-known/terraform.json";
    public const string Modules = "/api/registry/modules/v1/";
    public const string Providers = "/api/registry/providers/v1/";
    public const string Tfe = "/api/tfe/v2/";
    public const string OAuth = "/api/oauth";
    public const string Authorize = OAuth + "/authorize";
    public const string Token = OAuth + "/token";

    /// <summary>The OAuth client id terraform sends (it is fixed by the discovery document, not registered).</summary>
    public const string LoginClientId = "terraform-cli";

    /// <summary>The loopback ports terraform may listen on for the redirect (login.v1's <c>ports</c>).</summary>
    public const int FirstLoginPort = 10000;
    public const int LastLoginPort = 10010;
}
