using Azure;
using Stratus.Apps.Names;
using Stratus.Secrets;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Apps;

/// <summary>
/// An owner's environment variables (an app's or a job's) as rows <c>e|&lt;NAME&gt;</c> in the owner's partition.
/// Private values are encrypted with the <see cref="SecretProtector"/>, bound to <c>&lt;purpose&gt;:&lt;owner&gt;:&lt;name&gt;</c>,
/// so a ciphertext copied to another variable or owner does not decrypt. Changes are one transaction, so readers see
/// the old env or the new one, never a mix.
/// </summary>
/// <param name="partition">The owner's partition.</param>
/// <param name="requireOwner">Throws the owner's not-found exception when it does not exist.</param>
/// <param name="purpose">The first part of the encryption context: <c>app-env</c>, <c>job-env</c>.</param>
internal sealed class EnvRows(
    ITableClient table,
    SecretProtector protector,
    TimeProvider time,
    Func<string, string> partition,
    Func<string, CancellationToken, Task> requireOwner,
    string purpose)
{
    public const string Prefix = "e|";

    public static string Key(string name) => Prefix + name;

    /// <summary>The variables by name, private values masked (value <c>null</c>).</summary>
    public async Task<IReadOnlyList<EnvVar>> ReadMaskedAsync(string owner, CancellationToken cancellationToken) =>
        (await ReadAsync(owner, cancellationToken)).Select(r => new EnvVar(r.Name, r.Private ? null : r.Stored, r.Private)).ToList();

    /// <summary>The variables with private values decrypted: for what runs the owner, never for display.</summary>
    /// <exception cref="SecretProtectionException">A private value does not decrypt (wrong or missing key, or altered).</exception>
    public async Task<IReadOnlyList<EnvVar>> ReadDecryptedAsync(string owner, CancellationToken cancellationToken) =>
        (await ReadAsync(owner, cancellationToken))
            .Select(r => new EnvVar(r.Name, r.Private ? protector.Unprotect(r.Stored, Context(owner, r.Name)) : r.Stored, r.Private))
            .ToList();

    /// <summary>Sets variables in one transaction; with <paramref name="pruneUnused"/> every other variable goes in the same one. At most 100 rows change at once.</summary>
    /// <exception cref="InvalidAppRequestException">A variable has a problem, or too many change at once.</exception>
    public async Task SetAsync(string owner, IEnumerable<EnvVar> envs, bool pruneUnused, CancellationToken cancellationToken)
    {
        var wanted = new Dictionary<string, EnvVar>(StringComparer.Ordinal);
        foreach (var env in envs)
        {
            InvalidAppRequestException.ThrowIfProblem(env.Problem());
            wanted[env.Name] = env;
        }

        await ChangeAsync(owner, existing =>
        {
            var actions = wanted.Values.Select(e => TableTransactionAction.Upsert(Entity(owner, e))).ToList();
            if (pruneUnused)
            {
                actions.AddRange(existing.Where(r => !wanted.ContainsKey(r.Name)).Select(r => Delete(owner, r)));
            }

            return actions;
        }, cancellationToken);
    }

    /// <summary>Removes the named variables (absent ones are ignored) in one transaction.</summary>
    public Task UnsetAsync(string owner, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var unset = names.ToHashSet(StringComparer.Ordinal);
        return ChangeAsync(owner, existing => existing.Where(r => unset.Contains(r.Name)).Select(r => Delete(owner, r)).ToList(), cancellationToken);
    }

    private async Task ChangeAsync(string owner, Func<IReadOnlyList<Row>, List<TableTransactionAction>> plan, CancellationToken cancellationToken)
    {
        while (true)
        {
            var actions = plan(await ReadAsync(owner, cancellationToken));
            if (actions.Count == 0)
            {
                return;
            }

            if (actions.Count > StorageLimits.MaxTransactionActions)
            {
                throw new InvalidAppRequestException($"This change touches {actions.Count} environment variables; at most {StorageLimits.MaxTransactionActions} change at once. Split it.");
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is PreconditionFailedException or ResourceNotFoundException)
            {
                // A variable we meant to remove changed or went meanwhile: plan again from what is there now.
            }
        }
    }

    private async Task<IReadOnlyList<Row>> ReadAsync(string owner, CancellationToken cancellationToken)
    {
        await requireOwner(owner, cancellationToken);
        var rows = await table.QueryAllAsync(TableQuery.RowKeyPrefix(partition(owner), Prefix), cancellationToken);
        return rows.Select(r => new Row(r.RowKey[Prefix.Length..], r.GetString("Value") ?? "", r.GetBoolean("Private") ?? false, r.ETag)).ToList();
    }

    private TableTransactionAction Delete(string owner, Row row) => TableTransactionAction.Delete(partition(owner), Key(row.Name), row.ETag);

    private TableEntity Entity(string owner, EnvVar env) => new(partition(owner), Key(env.Name))
    {
        ["Value"] = env.Private ? protector.Protect(env.Value!, Context(owner, env.Name)) : env.Value,
        ["Private"] = env.Private,
        ["UpdatedAt"] = time.GetUtcNow(),
    };

    private string Context(string owner, string name) => $"{purpose}:{owner}:{name}";

    private sealed record Row(string Name, string Stored, bool Private, ETag ETag);
}
