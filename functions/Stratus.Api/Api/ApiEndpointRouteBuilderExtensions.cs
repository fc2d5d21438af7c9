using Stratus.Api.Api.Info;
using Stratus.Api.Apps;
using Stratus.Api.Events;
using Stratus.Api.Identity;
using Stratus.Api.Infra;
using Stratus.Api.Infra.Registry.Modules;
using Stratus.Api.Infra.Registry.Providers;
using Stratus.Api.Infra.Tfe;
using Stratus.Api.Orchestrations;
using Stratus.Api.Security;

namespace Stratus.Api.Api;

internal static class ApiEndpointRouteBuilderExtensions
{
    public const string ApiPrefix = "/api/v1";

    /// <summary>Every API area under <c>/api/v1</c>, the OpenAPI document at <c>/openapi/v1.json</c> and its UI at <c>/docs</c>.</summary>
    public static IEndpointRouteBuilder MapStratusApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(ApiPrefix);
        api.MapInfoApi();
        api.MapEventsApi();
        api.MapOrchestrationsApi();
        api.MapIdentityApi();
        api.MapInfraApi();
        api.MapAppsApi();

        // terraform's own protocols live beside /api/v1, where service discovery points them.
        endpoints.MapProviderRegistryProtocol();
        endpoints.MapModuleRegistryApi();
        endpoints.MapTfeApi();

        endpoints.MapOpenApi().AllowPublicAccess("the API description is documentation, like /docs");
        return endpoints;
    }

    public static IApplicationBuilder UseStratusApiDocs(this IApplicationBuilder app)
    {
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "docs";
            options.SwaggerEndpoint("/openapi/v1.json", "Stratus API v1");
            options.DocumentTitle = "Stratus API";
        });
        return app;
    }
}
