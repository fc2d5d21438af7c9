using Microsoft.Extensions.DependencyInjection;

namespace Stratus.Durable;

/// <summary>Registers orchestrators and activities; names default to the class name.</summary>
public sealed class DurableBuilder(IServiceCollection services, DurableRegistry registry)
{
    public IServiceCollection Services { get; } = services;

    public DurableBuilder AddOrchestrator<T>(string? name = null)
        where T : class, IOrchestrator
    {
        registry.AddOrchestrator(name ?? typeof(T).Name, typeof(T));
        return this;
    }

    public DurableBuilder AddActivity<T>(string? name = null)
        where T : class, IActivity
    {
        registry.AddActivity(name ?? typeof(T).Name, typeof(T));
        return this;
    }
}
