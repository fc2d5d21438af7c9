using Azure.Core;

namespace Stratus.Sandbox.ContainerApps;

/// <summary>Azure.Core's client options (retries with back-off, transport, diagnostics) for the ARM and Log Analytics calls.</summary>
internal sealed class ContainerAppsPipelineOptions : ClientOptions
{
}
