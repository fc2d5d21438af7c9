using Microsoft.Extensions.DependencyInjection;

namespace Stratus.Durable;

/// <summary>The orchestrators and activities this process can run, by name (the class name unless given).</summary>
public sealed class DurableRegistry
{
    private readonly Dictionary<string, Type> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _activities = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    public void AddOrchestrator(string name, Type type) => Add(_orchestrators, name, type, typeof(IOrchestrator));

    public void AddActivity(string name, Type type) => Add(_activities, name, type, typeof(IActivity));

    public bool HasOrchestrator(string name) => _orchestrators.ContainsKey(name);

    /// <summary>A fresh orchestrator per execution; orchestrators may take (non-I/O) constructor dependencies.</summary>
    internal IOrchestrator? CreateOrchestrator(string name, IServiceProvider services) =>
        _orchestrators.TryGetValue(name, out var type) ? (IOrchestrator)ActivatorUtilities.CreateInstance(services, type) : null;

    internal IActivity? CreateActivity(string name, IServiceProvider scopedServices) =>
        _activities.TryGetValue(name, out var type) ? (IActivity)ActivatorUtilities.CreateInstance(scopedServices, type) : null;

    private static void Add(Dictionary<string, Type> map, string name, Type type, Type contract)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!contract.IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type.Name} must be a concrete {contract.Name}.", nameof(type));
        }

        if (map.TryGetValue(name, out var existing) && existing != type)
        {
            throw new ArgumentException($"'{name}' is already registered to {existing.Name}.", nameof(name));
        }

        map[name] = type;
    }
}
