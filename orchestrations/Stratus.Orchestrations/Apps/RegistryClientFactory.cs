using Stratus.Apps.Pools;
using Stratus.Containers.Registry;

namespace Stratus.Orchestrations.Apps;

/// <summary>Registry clients for a pool's registry over one shared connection pool; loopback and insecure registries are reached over plain HTTP.</summary>
public sealed class RegistryClientFactory : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly TimeProvider _time;

    public RegistryClientFactory(TimeProvider time) => _time = time;

    public RegistryClient Create(PoolRegistry registry)
    {
        var client = new RegistryClient(_http, timeProvider: _time);
        if (registry.Insecure)
        {
            client.InsecureRegistries.Add(registry.Address);
        }

        return client;
    }

    public void Dispose() => _http.Dispose();
}
