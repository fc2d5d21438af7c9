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

            // The status code pages' answers (no endpoint, wrong method) come without a detail; say what to do instead.
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status404NotFound => "Nothing is served at this path. The API is under /api/v1, and /docs lists every endpoint.",
                StatusCodes.Status405MethodNotAllowed => $"This path does not take {context.HttpContext.Request.Method}; it takes {(context.HttpContext.Response.Headers.Allow.ToString() is { Length: > 0 } allow ? allow : "other methods")}.",
                _ => null,
            };

            // A query or route value the endpoint cannot bind (limit=2147483648, follow=maybe): the framework's message
            // names the parameter and the value.
            if (context.Exception is BadHttpRequestException bad && bad.StatusCode < StatusCodes.Status500InternalServerError)
            {
                context.ProblemDetails.Title = "Invalid request";
                context.ProblemDetails.Detail = bad.Message + " Send a value of the parameter's type within its range.";
            }

            // A body over its declared limits (JsonRequestBody): name the fields in a form tools can read, too.
            if (context.HttpContext.Items.TryGetValue(Validation.RequestLimitViolation.HttpContextKey, out var kept)
                && kept is Validation.RequestLimitViolation violation && context.ProblemDetails.Status == StatusCodes.Status400BadRequest)
            {
                context.ProblemDetails.Extensions.TryAdd("field", violation.Field);
                context.ProblemDetails.Extensions.TryAdd("errors", violation.Errors);
            }
        });

        // A parameter that cannot be bound throws in every environment (the framework's default answers an empty 400
        // outside Development), so the exception handler can answer a ProblemDetails that names it, with the exception's
        // own status (400, or 413 for a body over its limit) rather than a 500.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<ExceptionHandlerOptions>(options =>
        {
            options.StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
            options.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException;
        });
        services.AddOpenApi("v1", options =>
        {
            // Generic: each reads the endpoints' own metadata (access declaration, declared problems, tags), so an endpoint
            // added later is described, and linted (tests/…/OpenApiLintTests), without edits here.
            options.AddDocumentTransformer<OpenApi.DocumentInfoTransformer>();
            options.AddOperationTransformer<OpenApi.AccessSecurityTransformer>();
            options.AddOperationTransformer<OpenApi.ProblemResponsesTransformer>();
            options.AddSchemaTransformer<OpenApi.SchemaDescriptionsTransformer>();
            // The request records' limits ([Text] shows up as maxLength by itself; this adds list items and maps).
            options.AddSchemaTransformer<Validation.TextLimitsSchemaTransformer>();
        });
        services.Configure<RouteOptions>(options =>
        {
            options.SetParameterPolicy<IdentityNameRouteConstraint>(IdentityNameRouteConstraint.Name);
            options.SetParameterPolicy<TeamNameRouteConstraint>(TeamNameRouteConstraint.Name);
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
        app.UseMiddleware<SecurityHeadersMiddleware>();
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
