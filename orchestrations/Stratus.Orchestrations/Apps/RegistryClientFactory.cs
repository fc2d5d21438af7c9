using Stratus.Apps.Pools;
using Stratus.Containers.Registry;

namespace Stratus.Orchestrations.Apps;

/// <summary>
/// Registry clients for a pool's registry, over the <see cref="RegistryHttpClient.Name"/> client (its connection pool
/// and resilience); loopback and insecure registries are reached over plain HTTP. Every call is traced.
/// </summary>
public sealed class RegistryClientFactory(IHttpClientFactory httpClients, TimeProvider time)
{
    public IRegistryClient Create(PoolRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var client = new RegistryClient(httpClients.CreateClient(RegistryHttpClient.Name), timeProvider: time);
        if (registry.Insecure)
        {
            client.InsecureRegistries.Add(registry.Address);
        }

        return new TracingRegistryClient(client);
    }
}
