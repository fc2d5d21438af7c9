using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Stratus.Durable;

/// <summary>Registers orchestrator and activity classes; each is known by its class name.</summary>
public sealed class DurableBuilder(IServiceCollection services, DurableRegistry registry)
{
    public IServiceCollection Services { get; } = services;

    public DurableBuilder AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator
    {
        registry.AddOrchestrator(typeof(TOrchestrator));
        return this;
    }

    /// <summary>Activities are created from a DI scope per execution, so they may take scoped and singleton dependencies.</summary>
    public DurableBuilder AddActivity<TActivity>()
        where TActivity : class, ITaskActivity
    {
        registry.AddActivity(typeof(TActivity));
        return this;
    }
}
