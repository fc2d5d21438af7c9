using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Stratus.Api.Telemetry;

/// <summary>The OpenTelemetry providers, when an OTLP endpoint is configured. Disposing flushes what is buffered.</summary>
internal sealed class TelemetryExport(TracerProvider? tracer, MeterProvider? meter) : IDisposable
{
    public bool IsEnabled => tracer is not null;

    public static TelemetryExport From(IConfiguration configuration)
    {
        if (configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is not { Length: > 0 } endpoint)
        {
            return new TelemetryExport(null, null);
        }

        var delayMs = int.TryParse(configuration["OTEL_BSP_SCHEDULE_DELAY"], System.Globalization.CultureInfo.InvariantCulture, out var d) && d > 0 ? d : 5000;
        var protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        var resource = ResourceBuilder.CreateDefault().AddService(configuration["OTEL_SERVICE_NAME"] ?? "stratus");
        var tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(["Microsoft.AspNetCore", .. StratusTelemetry.SourceNames])
            .AddOtlpExporter(o =>
            {
                Configure(o, endpoint, "v1/traces", protocol);
                o.BatchExportProcessorOptions.ScheduledDelayMilliseconds = delayMs;
            })
            .Build();
        var meter = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", StratusTelemetry.Name)
            .AddOtlpExporter(o => Configure(o, endpoint, "v1/metrics", protocol))
            .Build();
        return new TelemetryExport(tracer, meter);
    }

    public void Dispose()
    {
        tracer?.Dispose();
        meter?.Dispose();
    }

    // Set in code, the endpoint is used as given, so the per-signal path is ours to add for HTTP.
    private static void Configure(OtlpExporterOptions options, string endpoint, string signalPath, OtlpExportProtocol protocol)
    {
        options.Protocol = protocol;
        options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint.TrimEnd('/') + "/" + signalPath) : new Uri(endpoint);
    }
}
