using Stratus.Durable;

namespace Stratus.Functions.Durable;

internal static class DurableFunctionsServiceCollectionExtensions
{
    /// <summary>
    /// The workflow runtime: DTFx's worker on the backend <c>Stratus:Durable:Backend</c> names. Its backends poll their
    /// own queues (the embedded one wakes in process), so no queue functions are declared for it. Under the Functions
    /// host the app runs on several instances that share an account, so the backend defaults to AzureStorage there
    /// (one embedded store per instance would split the work); standalone it defaults to Embedded.
    /// </summary>
    public static DurableBuilder AddStratusOrchestrations(this IServiceCollection services, IConfiguration configuration)
    {
        var backendChosen = !string.IsNullOrEmpty(configuration[$"{DurableOptions.SectionName}:{nameof(DurableOptions.Backend)}"]);
        var underHost = HostingMode.IsUnderFunctionsHost(configuration);
        return services.AddStratusDurable(configuration, options =>
        {
            if (underHost && !backendChosen)
            {
                options.Backend = DurableBackend.AzureStorage;
            }
        });
    }
}
