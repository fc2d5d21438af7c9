using Microsoft.DurableTask;

namespace Stratus.Durable;

/// <summary>The orchestrator and activity classes this process runs, by name (the class name, as Durable Functions' wrappers use).</summary>
public sealed class DurableRegistry
{
    private readonly Dictionary<string, Type> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _activities = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Type> Orchestrators => _orchestrators;

    public IReadOnlyDictionary<string, Type> Activities => _activities;

    internal void AddOrchestrator(Type type) => Add(_orchestrators, type, typeof(ITaskOrchestrator));

    internal void AddActivity(Type type) => Add(_activities, type, typeof(ITaskActivity));

    private static void Add(Dictionary<string, Type> names, Type type, Type contract)
    {
        if (!contract.IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type.Name} is not a concrete {contract.Name}.", nameof(type));
        }

        if (names.TryGetValue(type.Name, out var existing) && existing != type)
        {
            throw new InvalidOperationException($"Two classes are named '{type.Name}' ({existing.FullName} and {type.FullName}); durable names must be unique.");
        }

        names[type.Name] = type;
    }
}
