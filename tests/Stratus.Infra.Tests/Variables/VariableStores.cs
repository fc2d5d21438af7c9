using Stratus.Infra.Variables;
using Stratus.Infra.Workspaces;
using Stratus.Storage;
using Stratus.Storage.Tables;
using Stratus.Testing;
using Stratus.Secrets;

namespace Stratus.Infra.Tests.Variables;

/// <summary>The variable stores and resolver over one account and key, with a workspace lookup the test fills.</summary>
public sealed class VariableStores
{
    public VariableStores(IStorageAccount account, SecretProtector protector, FakeTimeProvider clock)
    {
        Account = account;
        Protector = protector;
        Variables = new VariableStore(account, protector, clock);
        Collections = new CollectionStore(Variables, clock);
        Workspaces = new FakeWorkspaceLookup();
        Resolver = new VariableResolver(Variables, Collections, Workspaces);
    }

    public IStorageAccount Account { get; }

    public SecretProtector Protector { get; }

    public VariableStore Variables { get; }

    public CollectionStore Collections { get; }

    public FakeWorkspaceLookup Workspaces { get; }

    public VariableResolver Resolver { get; }

    /// <summary>The raw rows of an organization's partition, to check what the stores actually wrote.</summary>
    public async Task<List<TableEntity>> RowsAsync(string organization, CancellationToken cancellationToken) =>
        await Account.Tables.GetTable(VariableStore.TableName).QueryAllAsync(TableQuery.Partition(organization), cancellationToken);

    public WorkspaceRef AddWorkspace(string organization, string name) => Workspaces.Add(organization, name);
}
