using Stratus.Infra.Variables;
using Stratus.Storage;
using Stratus.Testing;
using Stratus.Secrets;

namespace Stratus.Infra.Tests.Variables;

/// <summary>
/// One storage adapter the variable tests run against, shared by the tests of one class, with the stores wired as the
/// app wires them. The variables table is shared; tests keep apart by using an organization of their own.
/// </summary>
public abstract class VariableBackend : IAsyncLifetime
{
    private IStorageAccount? _account;

    public IStorageAccount Account => _account ?? throw new InvalidOperationException("The backend has not started.");

    public FakeTimeProvider Clock { get; } = new();

    public static SecretProtectorOptions KeyOptions { get; } = new() { Key = SecretProtector.GenerateKey(), KeyId = "k1" };

    /// <summary>A lower-case name no other test uses, valid as an organization, workspace or collection name.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    public async Task InitializeAsync() => _account = await CreateAccountAsync();

    public virtual Task DisposeAsync()
    {
        (_account as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Stores over this backend's account with <paramref name="options"/> (the shared test key by default).</summary>
    public VariableStores Stores(SecretProtectorOptions? options = null) => new(Account, new SecretProtector(options ?? KeyOptions), Clock);

    protected abstract Task<IStorageAccount> CreateAccountAsync();
}
