using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Stratus.Api.Triggers;

namespace Stratus.AzureFunctions.Http;

/// <summary>
/// One HTTP function per path prefix. Each hands its request to <see cref="ApiPipeline"/> and writes nothing itself:
/// the endpoint writes the response. Authentication and access are Stratus's own, so the host lets everyone through.
/// </summary>
internal sealed class HttpFunctions(ApiPipeline pipeline)
{
    [Function(HttpFunctionRoutes.Api)]
    public Task Api(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = HttpFunctionRoutes.ApiRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) =>
        pipeline.DispatchAsync(request.HttpContext, durable);

    [Function(HttpFunctionRoutes.Health)]
    public Task Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = HttpFunctionRoutes.HealthRoute)] HttpRequest request) =>
        pipeline.DispatchAsync(request.HttpContext, durable: null);

    [Function(HttpFunctionRoutes.OpenApi)]
    public Task OpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = HttpFunctionRoutes.OpenApiRoute)] HttpRequest request) =>
        pipeline.DispatchAsync(request.HttpContext, durable: null);

    [Function(HttpFunctionRoutes.Docs)]
    public Task Docs(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = HttpFunctionRoutes.DocsRoute)] HttpRequest request) =>
        pipeline.DispatchAsync(request.HttpContext, durable: null);

    [Function(HttpFunctionRoutes.WellKnown)]
    public Task WellKnown(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = HttpFunctionRoutes.WellKnownRoute)] HttpRequest request) =>
        pipeline.DispatchAsync(request.HttpContext, durable: null);
}
