using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Stratus.Api;
using Stratus.AzureFunctions.Durable;
using Stratus.AzureFunctions.Http;
using Stratus.Durable;

namespace Stratus.AzureFunctions;

internal static class AzureFunctionsServiceCollectionExtensions
{
    /// <summary>
    /// The Azure app's composition: the platform both hosts share, with Durable Functions as its durable runtime. The
    /// <c>DurableTaskClient</c> that handlers ask for is the one the running invocation received from its
    /// <c>[DurableClient]</c> binding; the API's endpoints run in <see cref="ApiPipeline"/>.
    /// </summary>
    public static IServiceCollection AddStratusAzureFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddExternalDurableRuntime();
        services.AddStratusPlatform(configuration, StratusHost.AzureFunctions);
        services.AddRouting();
        services.AddScoped<InvocationDurableClient>();
        services.AddScoped<DurableTaskClient>(sp => sp.GetRequiredService<InvocationDurableClient>().Client);
        services.AddSingleton<ApiPipeline>();
        services.AddHostedService<ApiPipelineStartup>();
        return services;
    }
}
