using Microsoft.DurableTask.Client;

namespace Stratus.AzureFunctions.Durable;

/// <summary>
/// The Durable Functions client of the running invocation. The extension creates it per invocation from the binding
/// (it carries the host's gRPC endpoint and task hub), so it cannot be a singleton: a function that may start or
/// signal orchestrations takes <c>[DurableClient] DurableTaskClient</c> and hands it over here first.
/// </summary>
internal sealed class InvocationDurableClient
{
    private DurableTaskClient? _client;

    public DurableTaskClient Client => _client ?? throw new InvalidOperationException(
        "This invocation has no durable client. A function whose code starts or signals orchestrations must take a [DurableClient] DurableTaskClient parameter and pass it to InvocationDurableClient.Use.");

    /// <summary>Hands over the binding's client, seen through <see cref="FunctionsDurableClient"/>.</summary>
    public void Use(DurableTaskClient client) => _client = client as FunctionsDurableClient ?? new FunctionsDurableClient(client);
}
