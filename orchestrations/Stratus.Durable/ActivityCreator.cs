using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Stratus.Durable;

/// <summary>Gives DTFx an activity that resolves the class from a DI scope of its own for each execution.</summary>
internal sealed class ActivityCreator : ObjectCreator<TaskActivity>
{
    private readonly ScopedActivity _activity;

    public ActivityCreator(string name, Type type, IServiceScopeFactory scopes, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        _activity = new ScopedActivity(name, type, scopes, shims);
    }

    public override TaskActivity Create() => _activity;
}
