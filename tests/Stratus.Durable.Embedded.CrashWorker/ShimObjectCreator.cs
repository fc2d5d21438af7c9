using DurableTask.Core;

namespace Stratus.Durable.Embedded.CrashWorker;

/// <summary>Registers a Microsoft.DurableTask orchestrator or activity with DTFx; each Create() builds a fresh shim (shims hold per-execution state).</summary>
internal sealed class ShimObjectCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> _create;

    public ShimObjectCreator(string name, Func<T> create)
    {
        Name = name;
        Version = string.Empty;
        _create = create;
    }

    public override T Create() => _create();
}
