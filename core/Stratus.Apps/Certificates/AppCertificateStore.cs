using System.Globalization;
using Stratus.Apps.Apps;
using Stratus.Secrets;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Certificates;

/// <summary>
/// Certificates and cert-manager issuers of an app's cnames, one row <c>c|&lt;cname&gt;</c> per cname in the app's
/// partition of <c>StratusApps</c> (so removing the app removes them). Setting one replaces the other. The private key
/// is encrypted with the <see cref="SecretProtector"/>, bound to <c>app-cert:&lt;app&gt;:&lt;cname&gt;</c>, and only
/// <see cref="GetForRouteAsync"/> decrypts it, for the router. An unset certificate leaves a marker row until the next
/// route has told the router (<see cref="ForgetRemovedAsync"/>): a Tsuru router must be asked to delete it.
/// </summary>
public sealed class AppCertificateStore(IStorageAccount storage, SecretProtector protector)
{
    private const string Prefix = "c|";
    private const string Removed = "Removed";
    private readonly ITableClient _table = storage.Tables.GetTable(AppKeys.TableName);
    private readonly AppsTable _ensure = new();

    public async Task SetCertificateAsync(string app, AppCertificate summary, string certificate, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        await _ensure.EnsureAsync(_table, cancellationToken);
        await _table.UpsertAsync(new TableEntity(AppKeys.Partition(app), Prefix + summary.Cname)
        {
            ["Certificate"] = certificate,
            ["Key"] = protector.Protect(key, Context(app, summary.Cname)),
            ["Subject"] = summary.Subject,
            ["Issuer"] = summary.Issuer,
            ["NotAfter"] = summary.NotAfter,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task SetIssuerAsync(string app, string cname, string issuer, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        await _table.UpsertAsync(new TableEntity(AppKeys.Partition(app), Prefix + cname) { ["CertIssuer"] = issuer }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Unsets the cname's certificate or issuer: a certificate leaves a marker for the router, an issuer goes (the ensure body carries issuers).</summary>
    /// <returns><c>false</c> when the cname had nothing.</returns>
    public async Task<bool> RemoveAsync(string app, string cname, CancellationToken cancellationToken)
    {
        if (await RowAsync(app, cname, cancellationToken) is not { } row || row.GetBoolean(Removed) == true)
        {
            return false;
        }

        if (row.GetString("CertIssuer") is { Length: > 0 })
        {
            return await TableRows.DeleteIfExistsAsync(_table, AppKeys.Partition(app), Prefix + cname, cancellationToken);
        }

        await _table.UpsertAsync(new TableEntity(AppKeys.Partition(app), Prefix + cname) { [Removed] = true }, TableUpdateMode.Replace, cancellationToken);
        return true;
    }

    /// <summary>Drops the cname's row whatever it holds (the cname left the app, and the router forgets it with the cname).</summary>
    public async Task DeleteAsync(string app, string cname, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        await TableRows.DeleteIfExistsAsync(_table, AppKeys.Partition(app), Prefix + cname, cancellationToken);
    }

    /// <summary>After a route told the router: the markers of these unset certificates go (a certificate set again since then stays).</summary>
    public async Task ForgetRemovedAsync(string app, IEnumerable<string> cnames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cnames);
        foreach (var cname in cnames)
        {
            if (await RowAsync(app, cname, cancellationToken) is { } row && row.GetBoolean(Removed) == true)
            {
                try
                {
                    await _table.DeleteAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                }
                catch (Exception e) when (e is PreconditionFailedException or ResourceNotFoundException)
                {
                    // Set again, or forgotten by a concurrent route: either way nothing is left to forget.
                }
            }
        }
    }

    /// <summary>Every cname's certificate or issuer, by cname, without keys.</summary>
    public async Task<IReadOnlyList<AppCertificate>> ListAsync(string app, CancellationToken cancellationToken) =>
        (await RowsAsync(app, cancellationToken)).Where(r => r.GetBoolean(Removed) != true).Select(Summary).OrderBy(c => c.Cname, StringComparer.Ordinal).ToList();

    public async Task<AppCertificate?> GetAsync(string app, string cname, CancellationToken cancellationToken) =>
        await RowAsync(app, cname, cancellationToken) is { } row && row.GetBoolean(Removed) != true ? Summary(row) : null;

    /// <summary>What the router installs: certificates with their decrypted keys, issuers, and certificates unset since the last route, of the cnames the app still has.</summary>
    public async Task<AppRouteCertificates> GetForRouteAsync(string app, IReadOnlyCollection<string> cnames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cnames);
        var certificates = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var issuers = new Dictionary<string, string>(StringComparer.Ordinal);
        var removed = new List<string>();
        foreach (var row in await RowsAsync(app, cancellationToken))
        {
            var cname = row.RowKey[Prefix.Length..];
            if (!cnames.Contains(cname))
            {
                continue;
            }

            if (row.GetBoolean(Removed) == true)
            {
                removed.Add(cname);
            }
            else if (row.GetString("CertIssuer") is { Length: > 0 } issuer)
            {
                issuers[cname] = issuer;
            }
            else if (row.GetString("Certificate") is { Length: > 0 } certificate && row.GetString("Key") is { Length: > 0 } key)
            {
                certificates[cname] = (certificate, protector.Unprotect(key, Context(app, cname)));
            }
        }

        return new AppRouteCertificates(certificates, issuers, removed);
    }

    private async Task<TableEntity?> RowAsync(string app, string cname, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(AppKeys.Partition(app), Prefix + cname, cancellationToken);
    }

    private async Task<IReadOnlyList<TableEntity>> RowsAsync(string app, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.QueryAllAsync(TableQuery.RowKeyPrefix(AppKeys.Partition(app), Prefix), cancellationToken);
    }

    private static AppCertificate Summary(TableEntity row) => new(
        row.RowKey[Prefix.Length..], row.GetString("Subject"), row.GetString("Issuer"), row.GetDateTimeOffset("NotAfter"), row.GetString("CertIssuer"));

    private static string Context(string app, string cname) => string.Create(CultureInfo.InvariantCulture, $"app-cert:{app}:{cname}");
}
