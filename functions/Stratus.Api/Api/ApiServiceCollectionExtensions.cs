using Microsoft.Extensions.Options;
using Stratus.Api.Security;

namespace Stratus.Api.Api;

internal static class ApiServiceCollectionExtensions
{
    /// <summary>
    /// ProblemDetails for every error (with the request id), OpenAPI, body limits, trusted proxies and the route
    /// constraint for identity names.
    /// </summary>
    public static IServiceCollection AddStratusApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>()
            .Bind(configuration.GetSection(ApiOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (RequestIdMiddleware.Get(context.HttpContext) is { } requestId)
            {
                context.ProblemDetails.Extensions["requestId"] = requestId;
            }
        });
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Stratus API";
            document.Info.Description = "Apps (build, push, deploy, route) and infrastructure (workspaces, plan/approve/apply) on Azure Functions.";
            return Task.CompletedTask;
        }));
        services.Configure<RouteOptions>(options =>
        {
            options.SetParameterPolicy<IdentityNameRouteConstraint>(IdentityNameRouteConstraint.Name);
            options.SetParameterPolicy<Infra.InfraNameRouteConstraint>(Infra.InfraNameRouteConstraint.Name);
        });
        return services;
    }

    /// <summary>The request pipeline every endpoint runs behind, in order.</summary>
    public static IApplicationBuilder UseStratusApi(this IApplicationBuilder app)
    {
        // First, so that every later step (the sign-in throttle, audit records, logs) sees the real client address.
        app.UseTrustedProxies();
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseExceptionHandler();

        // Requests for <app>.localhost (and app cnames) go to the app's units before any API routing or access checks.
        app.UseMiddleware<Apps.Routing.LocalAppProxyMiddleware>();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<AccessMiddleware>();
        return app;
    }
}
