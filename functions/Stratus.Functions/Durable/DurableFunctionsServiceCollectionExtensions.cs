using Stratus.Durable;

namespace Stratus.Functions.Durable;

internal static class DurableFunctionsServiceCollectionExtensions
{
    /// <summary>
    /// The workflow runtime: DTFx's worker on the backend <c>Stratus:Durable:Backend</c> names. Its backends poll their
    /// own queues (the embedded one wakes in process), so no queue functions are declared for it; in Azure, Durable
    /// Functions runs the same classes (the isolated-worker app).
    /// </summary>
    public static DurableBuilder AddStratusOrchestrations(this IServiceCollection services, IConfiguration configuration) =>
        services.AddStratusDurable(configuration);
}
