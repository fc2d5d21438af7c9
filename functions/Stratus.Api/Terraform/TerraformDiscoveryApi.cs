using System.Text.Json.Nodes;
using Stratus.Api.Security;

namespace Stratus.Api.Terraform;

/// <summary>
/// Terraform's remote service discovery: the document terraform reads from a host before it speaks any of its
/// protocols to it (registry modules and providers, login, and the TFE API the <c>cloud</c> block uses).
/// </summary>
internal static class TerraformDiscoveryApi
{
    public static IEndpointRouteBuilder MapTerraformDiscoveryApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(TerraformServicePaths.Discovery, () => TypedResults.Json(Document(), contentType: "application/json"))
            .WithName("TerraformServiceDiscovery")
            .WithSummary("Terraform's service discovery document: where this host serves modules.v1, providers.v1, login.v1 and tfe.v2.")
            .WithTags(TerraformTags.Protocols)
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/json")
            .AllowPublicAccess("terraform reads discovery before it has credentials, as from every registry host");
        return endpoints;
    }

    internal static JsonObject Document() => new()
    {
        ["modules.v1"] = TerraformServicePaths.Modules,
        ["providers.v1"] = TerraformServicePaths.Providers,
        ["login.v1"] = new JsonObject
        {
            ["client"] = TerraformServicePaths.LoginClientId,
            ["grant_types"] = new JsonArray("authz_code"),
            ["authz"] = TerraformServicePaths.Authorize,
            ["token"] = TerraformServicePaths.Token,
            ["ports"] = new JsonArray(TerraformServicePaths.FirstLoginPort, TerraformServicePaths.LastLoginPort),
        },

        // The cloud block asks for the newest TFE API version it knows; Stratus answers the same subset to each.
        ["tfe.v2"] = TerraformServicePaths.Tfe,
        ["tfe.v2.1"] = TerraformServicePaths.Tfe,
        ["tfe.v2.2"] = TerraformServicePaths.Tfe,
    };
}
