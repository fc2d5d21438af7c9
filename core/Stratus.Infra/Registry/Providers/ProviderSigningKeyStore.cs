using System.Security.Cryptography;
using Stratus.Secrets;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Infra.Registry.Providers;

/// <summary>
/// Each organization's provider signing key, made on first use and kept in the registry table's <c>key</c> row of the
/// organization's partition. The secret key and the download-URL key are stored only encrypted with the
/// <see cref="SecretProtector"/>, bound to the organization, and never returned; the public key is served to terraform.
/// When two publishes race to make the first key, the table keeps one and both use it.
/// </summary>
public sealed class ProviderSigningKeyStore(IStorageAccount storage, SecretProtector protector, TimeProvider time)
{
    internal const string KeyRow = "key";
    private readonly ITableClient _table = storage.Tables.GetTable(ProviderRegistryStore.TableName);
    private readonly InfraTable _ensure = new();

    /// <returns>The organization's public key, or <c>null</c> before its first publish.</returns>
    public async Task<ProviderSigningKey?> FindAsync(string organization, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(organization, KeyRow, cancellationToken) is { } row ? PublicOf(row) : null;
    }

    internal async Task<ProviderOrganizationKeys?> FindSecretsAsync(string organization, CancellationToken cancellationToken)
    {
        await _ensure.EnsureAsync(_table, cancellationToken);
        return await _table.GetAsync(organization, KeyRow, cancellationToken) is { } row ? Decrypt(organization, row) : null;
    }

    internal async Task<ProviderOrganizationKeys> GetOrCreateSecretsAsync(string organization, CancellationToken cancellationToken)
    {
        if (await FindSecretsAsync(organization, cancellationToken) is { } existing)
        {
            return existing;
        }

        var now = time.GetUtcNow();
        var material = OpenPgpSigning.Generate($"Stratus provider registry ({organization})", now.UtcDateTime);
        var urlKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            await _table.InsertAsync(new TableEntity(organization, KeyRow)
            {
                ["KeyId"] = material.KeyId,
                ["PublicKey"] = material.PublicKeyArmored,
                ["SecretKey"] = protector.Protect(material.SecretKeyArmored, Context(organization, "signing")),
                ["UrlKey"] = protector.Protect(Convert.ToBase64String(urlKey), Context(organization, "urls")),
                ["CreatedAt"] = now,
            }, cancellationToken);
            return new ProviderOrganizationKeys(new ProviderSigningKey(material.KeyId, material.PublicKeyArmored, now), material.SecretKeyArmored, urlKey);
        }
        catch (ResourceConflictException)
        {
            return await FindSecretsAsync(organization, cancellationToken)
                ?? throw new InvalidOperationException($"The provider signing key of organization '{organization}' was made and removed concurrently; publish again.");
        }
    }

    private ProviderOrganizationKeys Decrypt(string organization, TableEntity row) => new(
        PublicOf(row),
        protector.Unprotect(row.GetString("SecretKey") ?? "", Context(organization, "signing")),
        Convert.FromBase64String(protector.Unprotect(row.GetString("UrlKey") ?? "", Context(organization, "urls"))));

    private static ProviderSigningKey PublicOf(TableEntity row) =>
        new(row.GetString("KeyId") ?? "", row.GetString("PublicKey") ?? "", row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);

    private static string Context(string organization, string purpose) => $"provider-key:{organization}:{purpose}";
}
