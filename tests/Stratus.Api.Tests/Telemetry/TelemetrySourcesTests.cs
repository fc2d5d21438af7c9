using Microsoft.Extensions.Configuration;
using Stratus.Api.Telemetry;
using Stratus.Containers;
using Stratus.Durable;

namespace Stratus.Api.Tests.Telemetry;

public sealed class TelemetrySourcesTests
{
    [Fact]
    public void From_OtlpEndpointSet_SubscribesToEveryStratusSource()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" })
            .Build();

        using var export = TelemetryExport.From(configuration);

        Assert.Contains(DurableTelemetry.SourceName, StratusTelemetry.SourceNames);
        Assert.Contains(ContainersTelemetry.SourceName, StratusTelemetry.SourceNames);
        Assert.True(DurableTelemetry.Source.HasListeners());
        Assert.True(ContainersTelemetry.Source.HasListeners());
    }
}
