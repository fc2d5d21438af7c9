using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;
using Stratus.Api;
using Stratus.AzureFunctions.Durable;

namespace Stratus.AzureFunctions.Http;

/// <summary>
/// The API's request pipeline and endpoints, built once on a plain application builder. The isolated worker routes a
/// request to a function, not to an endpoint (azure-functions-dotnet-worker #1375, #3419), so each HTTP function hands
/// its request here, and the request runs through the very middleware and endpoints the standalone host serves.
/// </summary>
internal sealed class ApiPipeline(IServiceProvider services)
{
    private readonly Lazy<RequestDelegate> _pipeline = new(() => new ApplicationBuilder(services).UseStratusPlatform().Build());

    /// <summary>Builds the pipeline now: an endpoint without an access declaration stops the app at start.</summary>
    public void EnsureBuilt() => _ = _pipeline.Value;

    /// <param name="context">The invocation's request; its <c>RequestServices</c> is the invocation's scope.</param>
    /// <param name="durable">The invocation's durable client, for endpoints that start or signal orchestrations.</param>
    public Task DispatchAsync(HttpContext context, DurableTaskClient? durable)
    {
        if (durable is not null)
        {
            context.RequestServices.GetRequiredService<InvocationDurableClient>().Use(durable);
        }

        // The worker matched the request to the function; routing starts again, against the API's endpoints.
        context.SetEndpoint(null);
        context.Features.Get<IRouteValuesFeature>()?.RouteValues.Clear();
        return _pipeline.Value(context);
    }
}
