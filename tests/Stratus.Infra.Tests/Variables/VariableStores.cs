using Stratus.Infra.Variables;
using Stratus.Infra.Workspaces;
using Stratus.Storage;
using Stratus.Storage.Tables;
using Stratus.Testing;
using Stratus.Secrets;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Infra.Tests.Variables;

/// <summary>The variable stores and resolver over one account and key, with a workspace lookup the test fills.</summary>
public sealed class VariableStores
{
    public VariableStores(IStorageAccount account, SecretProtector protector, FakeTimeProvider clock)
    {
        Account = account;
        Protector = protector;
        Clock = clock;
        Variables = new VariableStore(account, protector, clock);
        Collections = new CollectionStore(Variables, clock);
        Workspaces = new FakeWorkspaceLookup();
        Resolver = new VariableResolver(Variables, Collections, Workspaces);
    }

    /// <summary>The key every test's stores share unless a test brings its own (key rotation, a foreign key).</summary>
    public static SecretProtectorOptions KeyOptions { get; } = new() { Key = SecretProtector.GenerateKey(), KeyId = "k1" };

    public IStorageAccount Account { get; }

    public FakeTimeProvider Clock { get; }

    public SecretProtector Protector { get; }

    public VariableStore Variables { get; }

    public CollectionStore Collections { get; }

    public FakeWorkspaceLookup Workspaces { get; }

    public VariableResolver Resolver { get; }

    /// <summary>Stores over <paramref name="account"/> with <paramref name="options"/> (the shared test key by default).</summary>
    public static VariableStores For(IStorageAccount account, FakeTimeProvider clock, SecretProtectorOptions? options = null) =>
        new(account, new SecretProtector(options ?? KeyOptions), clock);

    /// <summary>The raw rows of an organization's partition, to check what the stores actually wrote.</summary>
    public async Task<List<TableEntity>> RowsAsync(string organization, CancellationToken cancellationToken) =>
        await Account.Tables.GetTable(VariableStore.TableName).QueryAllAsync(TableQuery.Partition(organization), cancellationToken);

    public WorkspaceRef AddWorkspace(string organization, string name) => Workspaces.Add(organization, name);
}
