using Stratus.Apps.Events;
using Stratus.Apps.Locks;

namespace Stratus.Api.Apps.Operations;

/// <summary>Either the started operation's event, or who holds the app (the caller gets a 409 naming it).</summary>
internal sealed record AppOperationStart(AppEvent? Event, AppLock? Holder)
{
    public bool Started => Event is not null;
}
