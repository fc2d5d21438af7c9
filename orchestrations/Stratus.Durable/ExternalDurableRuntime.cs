namespace Stratus.Durable;

/// <summary>
/// Marks a container whose orchestrations some other runtime runs: under the Functions host, the Durable Functions
/// extension does, and each invocation hands in its own client. <see cref="DurableServiceCollectionExtensions.AddStratusDurable"/>
/// then registers the classes' dependencies only: no backend, no worker and no <c>DurableTaskClient</c>.
/// </summary>
internal sealed class ExternalDurableRuntime;
