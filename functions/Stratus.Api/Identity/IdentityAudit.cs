using System.Text.Json;
using Stratus.Api.Events;
using Stratus.Api.Security;

namespace Stratus.Api.Identity;

/// <summary>
/// Records identity changes and sign-in failures as platform events: who, what, when, and from where (client address
/// and user agent). Token secrets and passwords never reach these records.
/// </summary>
internal sealed class IdentityAudit(IPlatformEventPublisher publisher, TimeProvider time)
{
    public const string LoginFailed = "identity.login.failed";
    public const string LoginLockedOut = "identity.login.locked";
    public const string TokenCreated = "identity.token.create";
    public const string TokenRevoked = "identity.token.revoke";
    public const string GrantCreated = "identity.grant.create";
    public const string GrantRevoked = "identity.grant.revoke";
    public const string UserCreated = "identity.user.create";
    public const string UserUpdated = "identity.user.update";
    public const string UserRemoved = "identity.user.remove";
    public const string TeamCreated = "identity.team.create";
    public const string TeamUpdated = "identity.team.update";
    public const string TeamRemoved = "identity.team.remove";
    public const string MemberAdded = "identity.member.add";
    public const string MemberRemoved = "identity.member.remove";
    public const string RoleChanged = "identity.role.change";

    public Task RecordAsync(HttpContext context, string kind, string target, string actor, string status, Dictionary<string, string?>? details, CancellationToken cancellationToken)
    {
        var data = details ?? [];
        data["from"] = context.ClientAddress();
        data["userAgent"] = Truncate(context.Request.Headers.UserAgent.ToString());
        var platformEvent = new PlatformEvent(Guid.NewGuid(), kind, SafeTarget(target), actor, time.GetUtcNow(), status, JsonSerializer.Serialize(data));
        return publisher.PublishAsync(platformEvent, cancellationToken);
    }

    /// <summary>Targets are storage keys: a principal or scope that cannot be one is recorded under its kind only.</summary>
    private static string SafeTarget(string target) => PlatformEventValidator.TargetProblem(target) is null ? target : "identity:other";

    private static string? Truncate(string value) => value.Length == 0 ? null : value.Length > 200 ? value[..200] : value;
}
