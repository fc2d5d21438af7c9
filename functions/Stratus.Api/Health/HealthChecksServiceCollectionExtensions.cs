namespace Stratus.Api.Health;

internal static class HealthChecksServiceCollectionExtensions
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddStratusHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);
        return services;
    }
}
