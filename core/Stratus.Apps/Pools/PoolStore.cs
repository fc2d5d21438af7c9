using Stratus.Apps.Names;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Apps.Pools;

/// <summary>Pools in <c>StratusPools</c>; one of them may be the default for apps created without a pool.</summary>
public sealed class PoolStore(IStorageAccount storage, TimeProvider time) : CatalogStore<Pool>(storage, time, TableName, "pool")
{
    public const string TableName = "StratusPools";

    public Task<Pool?> GetDefaultAsync(CancellationToken cancellationToken) => GetDefaultCoreAsync(cancellationToken);

    /// <summary>Makes <paramref name="name"/> the only default pool.</summary>
    /// <returns><c>false</c> if there is no such pool.</returns>
    public async Task<bool> SetDefaultAsync(string name, CancellationToken cancellationToken) =>
        await UpdateAsync(name, p => p with { Default = true }, cancellationToken) is not null;

    protected override string NameOf(Pool item) => item.Name;

    protected override string? NameProblem(string name) => AppNames.PoolProblem(name);

    protected override string? Problem(Pool item) => item.Problem();

    protected override bool IsDefault(Pool item) => item.Default;

    protected override DateTimeOffset CreatedAt(Pool item) => item.CreatedAt;

    protected override Pool Stamped(Pool item, string name, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        item with { Name = name, CreatedAt = createdAt, UpdatedAt = updatedAt };

    protected override TableEntity ToEntity(string partition, Pool p) => new(partition, p.Name)
    {
        ["Provisioner"] = p.Provisioner,
        ["Router"] = p.Router,
        ["RouterOptions"] = AppsJson.Write(p.RouterOptions),
        ["RegistryAddress"] = p.Registry.Address,
        ["RegistryNamespace"] = p.Registry.Namespace,
        ["RegistryInsecure"] = p.Registry.Insecure,
        ["KubernetesServer"] = p.Kubernetes?.Server,
        ["KubernetesNamespace"] = p.Kubernetes?.Namespace,
        [DefaultRows.Property] = p.Default,
        ["Teams"] = AppsJson.Write(p.Teams),
        ["CreatedAt"] = p.CreatedAt,
        ["UpdatedAt"] = p.UpdatedAt,
    };

    protected override Pool FromEntity(TableEntity e) => new(
        e.RowKey,
        e.GetString("Provisioner") ?? PoolProvisioners.Podman,
        e.GetString("Router") ?? PoolRouters.Local,
        AppsJson.ReadStrings(e.GetString("RouterOptions")),
        new PoolRegistry(e.GetString("RegistryAddress") ?? "", e.GetString("RegistryNamespace") ?? "", e.GetBoolean("RegistryInsecure") ?? false),
        e.GetString("KubernetesServer") is { } server ? new PoolKubernetes(server, e.GetString("KubernetesNamespace") ?? "") : null,
        e.GetBoolean(DefaultRows.Property) ?? false,
        AppsJson.ReadList(e.GetString("Teams")),
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
}
