using System.Text.Json;
using Stratus.Api.Events;
using Stratus.Api.Triggers;
using Stratus.Identity.Tokens;
using Stratus.Storage;

namespace Stratus.Api.Tests.Fuzz;

/// <summary>
/// Compares the store before and after a refused request and returns every change the refusal cannot explain. A
/// refusal must change nothing; the exceptions below are writes that are not the request's (the host's own loops) or
/// that a refusal exists to make (the audit trail and the throttle of failed sign-ins). Each is listed with why.
/// </summary>
internal sealed class RefusalWriteChecker(IStorageAccount storage, string callerToken, string callerTokenId)
{
    /// <summary>The standalone host's timer singleton lease and schedule status: renewed by its timer loop on its own clock.</summary>
    private const string HostsContainer = "stratus-hosts";

    private const string EventQueue = EventQueueFunction.QueueName;

    /// <summary>
    /// The platform events table (<c>stratusevents</c>). The events function fills it from the queue on its own, so a
    /// row may land while any request runs; see <see cref="ExplainedEventAsync"/>.
    /// </summary>
    private const string EventTable = PlatformEventStore.TableName;

    /// <summary>The identity table's partition of failed sign-in counters (<c>LoginThrottle</c>).</summary>
    private const string IdentityTable = "stratusidentity";

    private const string ThrottlePartition = "throttle";

    /// <summary>The identity table's token partition, where authentication records when the caller's token was last used.</summary>
    private const string TokenPartition = "token";

    /// <summary>What refused sign-ins must leave behind: the audit events of <c>IdentityAudit</c>.</summary>
    private static readonly HashSet<string> SignInAuditKinds = new(StringComparer.Ordinal) { "identity.login.failed", "identity.login.locked" };

    public async Task<IReadOnlyList<string>> UnexplainedAsync(StoreSnapshot before, StoreSnapshot after, FuzzRequest request, CancellationToken cancellationToken)
    {
        var signIn = request.Method == "POST" && request.Operation.PathTemplate == "/api/v1/auth/login";
        var problems = new List<string>();
        // A table, container or queue created empty holds nothing: stores create theirs on first use, reads included,
        // and which request comes first is an accident of order. Anything written into it is still reported below.
        problems.AddRange(SetChanges("table", before.Tables, after.Tables, created => after.Entities.Keys.Any(k => k.Scope == created)));
        problems.AddRange(SetChanges("blob container", before.Containers, after.Containers, created => after.Blobs.Keys.Any(k => k.Scope == created)));
        problems.AddRange(SetChanges("queue", before.Queues, after.Queues, created => after.Messages.Keys.Any(k => k.Scope == created)));
        var callerRows = new HashSet<string>(StringComparer.Ordinal) { $"h|{TokenSecrets.Hash(callerToken)}", $"i|{callerTokenId}" };

        foreach (var (key, change) in Changes(before.Entities, after.Entities))
        {
            // Throttle rows count failed sign-ins: writing them is how a refused sign-in is refused next time.
            if (signIn && key.Scope == IdentityTable && key.First == ThrottlePartition)
            {
                continue;
            }

            // Authentication stamps the caller's token with when it was last used (at most once a minute, on its three
            // rows): that records who called, whatever the answer, and is not the request's data.
            if (change == "changed" && key.Scope == IdentityTable && key.First == TokenPartition
                && (callerRows.Contains(key.Second) || key.Second.EndsWith($"|{callerTokenId}", StringComparison.Ordinal)))
            {
                continue;
            }

            if (key.Scope == EventTable && change == "added" && await ExplainedEventAsync(key, before, cancellationToken))
            {
                continue;
            }

            problems.Add($"entity {key} {change}");
        }

        foreach (var (key, change) in Changes(before.Blobs, after.Blobs))
        {
            if (key.Scope != HostsContainer)
            {
                problems.Add($"blob {key} {change}");
            }
        }

        foreach (var (key, change) in Changes(before.Messages, after.Messages))
        {
            // Listeners consume messages on their own; no endpoint removes one, so a removal is never the request's.
            if (change == "removed")
            {
                continue;
            }

            if (key.Scope == EventQueue && change == "added" && EventOf(after.Messages[key]) is { } added && SignInAuditKinds.Contains(added.Kind))
            {
                continue;
            }

            problems.Add($"queue message {key} {change}: {Preview(after.Messages.GetValueOrDefault(key))}");
        }

        return problems;
    }

    /// <summary>
    /// A new platform event row is explained when it records a refused sign-in (the audit trail), or when its event
    /// was already waiting in the events queue before the request: an earlier, accepted request published it and
    /// the events function recorded it now.
    /// </summary>
    private async Task<bool> ExplainedEventAsync(StoreKey key, StoreSnapshot before, CancellationToken cancellationToken)
    {
        var entity = await storage.Tables.GetTable(EventTable).GetAsync(key.First, key.Second, cancellationToken);
        if (entity is null)
        {
            return true;
        }

        if (entity.GetString("Kind") is { } kind && SignInAuditKinds.Contains(kind))
        {
            return true;
        }

        var id = entity["Id"]?.ToString();
        return id is not null && before.Messages.Where(m => m.Key.Scope == EventQueue).Any(m => EventOf(m.Value)?.Id.ToString() == id);
    }

    private static PlatformEvent? EventOf(string messageText)
    {
        try
        {
            return FunctionsQueueMessageEncoding.TryDecode(messageText, out var text)
                ? JsonSerializer.Deserialize(text, PlatformEventJsonContext.Default.PlatformEvent)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<string> SetChanges(string what, IReadOnlySet<string> before, IReadOnlySet<string> after, Func<string, bool> holdsData) =>
        after.Except(before).Where(holdsData).Select(n => $"{what} {n} created").Concat(before.Except(after).Select(n => $"{what} {n} deleted"));

    private static IEnumerable<(StoreKey Key, string Change)> Changes(IReadOnlyDictionary<StoreKey, string> before, IReadOnlyDictionary<StoreKey, string> after)
    {
        foreach (var (key, value) in after)
        {
            if (!before.TryGetValue(key, out var old))
            {
                yield return (key, "added");
            }
            else if (old != value)
            {
                yield return (key, "changed");
            }
        }

        foreach (var key in before.Keys.Where(k => !after.ContainsKey(k)))
        {
            yield return (key, "removed");
        }
    }

    private static string Preview(string? text) => text is null ? "" : text.Length > 120 ? text[..120] + "…" : text;
}
