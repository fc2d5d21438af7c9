using Stratus.Identity.Authorization;
using Stratus.Identity.Stores;
using Stratus.Storage;
using Stratus.Storage.Tables;
using Stratus.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Identity.Tests.Stores;

/// <summary>Every identity store over one account, on a fake clock, wired as the app wires them.</summary>
public sealed class IdentityStores
{
    public IdentityStores(IStorageAccount account, FakeTimeProvider? clock = null)
    {
        Account = account;
        Clock = clock ?? new FakeTimeProvider();
        Table = new IdentityTable(account);
        Users = new UserStore(Table);
        Teams = new TeamStore(Table);
        Roles = new RoleStore(Table);
        Grants = new GrantStore(Table);
        Tokens = new TokenStore(Table, Clock);
        Throttle = new LoginThrottle(Table, Clock);
        Bootstrap = new BootstrapAdmin(Table, Users, Grants, Tokens, Clock);
    }

    public IStorageAccount Account { get; }

    public FakeTimeProvider Clock { get; }

    public IdentityTable Table { get; }

    public UserStore Users { get; }

    public TeamStore Teams { get; }

    public RoleStore Roles { get; }

    public GrantStore Grants { get; }

    public TokenStore Tokens { get; }

    public LoginThrottle Throttle { get; }

    public BootstrapAdmin Bootstrap { get; }

    public AccessEvaluator Evaluator(params IScopeParentResolver[] resolvers) => new(Grants, Roles, resolvers);

    /// <summary>The raw rows of one partition, to check what the stores actually wrote.</summary>
    public async Task<List<TableEntity>> RowsAsync(string partition, CancellationToken cancellationToken) =>
        await (await Table.GetAsync(cancellationToken)).QueryAllAsync(TableQuery.Partition(partition), cancellationToken);
}
