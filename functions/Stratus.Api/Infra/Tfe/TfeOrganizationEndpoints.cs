using Stratus.Infra.Organizations;

namespace Stratus.Api.Infra.Tfe;

/// <summary>Ping and the organization-level calls terraform makes while it configures the cloud backend.</summary>
internal static class TfeOrganizationEndpoints
{
    /// <summary>terraform refuses the cloud block below API version 2.5.</summary>
    public const string ApiVersion = "2.5";

    public const string AppName = "Stratus";

    public static IResult Ping(HttpContext context)
    {
        // go-tfe reads these from the ping response (TFP-API-Version decides which features terraform uses). No
        // X-TFE-Version: that would make terraform treat the server as a dated Terraform Enterprise release.
        context.Response.Headers["TFP-API-Version"] = ApiVersion;
        context.Response.Headers["TFP-AppName"] = AppName;
        return TypedResults.NoContent();
    }

    public static async Task<IResult> Entitlements(string organization, OrganizationStore organizations, CancellationToken cancellationToken) =>
        await organizations.OrganizationExistsAsync(organization, cancellationToken)
            ? TfeJson.Document(TfeDocuments.Entitlements(organization))
            : TfeProblems.NotFound($"There is no organization '{organization}'. Create it with POST /api/v1/organizations, or fix the cloud block's organization.");

    public static async Task<IResult> RunQueue(string organization, OrganizationStore organizations, CancellationToken cancellationToken) =>
        await organizations.OrganizationExistsAsync(organization, cancellationToken)
            ? TfeJson.List([])
            : TfeProblems.NotFound($"There is no organization '{organization}'.");
}
