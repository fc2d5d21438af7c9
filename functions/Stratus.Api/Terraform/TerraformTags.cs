namespace Stratus.Api.Terraform;

/// <summary>The OpenAPI tags of Terraform's own protocols, kept apart from the Stratus API's.</summary>
internal static class TerraformTags
{
    public const string Protocols = "Terraform protocols";
    public const string Login = "Terraform login";
}
