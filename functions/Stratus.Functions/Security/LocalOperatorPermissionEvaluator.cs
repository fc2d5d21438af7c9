namespace Stratus.Functions.Security;

/// <summary>
/// Until identity lands, the only caller is the local operator on loopback: everything is allowed. It is registered
/// with TryAdd so the identity module's evaluator takes its place.
/// </summary>
internal sealed class LocalOperatorPermissionEvaluator : IPermissionEvaluator
{
    public ValueTask<bool> IsAllowedAsync(HttpContext context, string permission, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
