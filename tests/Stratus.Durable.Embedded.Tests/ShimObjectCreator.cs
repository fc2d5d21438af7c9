using DurableTask.Core;

namespace Stratus.Durable.Embedded.Tests;

/// <summary>
/// Registers a Microsoft.DurableTask orchestrator or activity with DTFx: DTFx calls Create() per execution, and the
/// shim objects carry per-execution state, so each call builds a fresh shim.
/// </summary>
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
