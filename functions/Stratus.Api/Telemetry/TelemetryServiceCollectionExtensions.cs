namespace Stratus.Api.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Traces and metrics from ASP.NET Core's built-in sources and Stratus's own, exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (nothing is collected otherwise). The instrumentation packages are not
    /// in the package feed, but ASP.NET Core publishes its activities and meters natively.
    /// </summary>
    public static IServiceCollection AddStratusTelemetry(this IServiceCollection services)
    {
        services.AddSingleton(sp => TelemetryExport.From(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<TelemetryExportService>();
        return services;
    }
}
