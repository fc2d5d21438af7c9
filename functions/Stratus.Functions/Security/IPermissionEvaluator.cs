namespace Stratus.Functions.Security;

/// <summary>
/// Decides whether the caller of a request holds a permission. This is where identity plugs in: the identity issue
/// replaces the registration with token authentication and RBAC.
/// </summary>
public interface IPermissionEvaluator
{
    ValueTask<bool> IsAllowedAsync(HttpContext context, string permission, CancellationToken cancellationToken);
}
