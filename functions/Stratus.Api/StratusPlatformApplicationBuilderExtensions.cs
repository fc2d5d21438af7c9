using Stratus.Api.Api;
using Stratus.Api.Health;
using Stratus.Api.Security;
using Stratus.Api.Terraform;

namespace Stratus.Api;

internal static class StratusPlatformApplicationBuilderExtensions
{
    /// <summary>
    /// The request pipeline and every endpoint. The standalone host runs it as its web application; the Azure app
    /// builds it once on a plain application builder and its HTTP functions dispatch into it, because the isolated
    /// worker has no endpoint routing of its own. Throws if an endpoint does not declare its access.
    /// </summary>
    public static IApplicationBuilder UseStratusPlatform(this IApplicationBuilder app)
    {
        app.UseStratusApi();
        app.UseStratusApiDocs();
        return app.UseEndpoints(endpoints =>
        {
            endpoints.MapHealthApi();
            endpoints.MapStratusApi();
            endpoints.MapTerraformDiscoveryApi();
            endpoints.MapTerraformLoginApi();
            EndpointAccessValidator.EnsureDeclared(endpoints);
        });
    }
}
