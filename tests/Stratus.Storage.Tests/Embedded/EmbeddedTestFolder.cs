using Stratus.Storage.Embedded;
using Stratus.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Storage.Tests.Embedded;

/// <summary>
/// A fresh temp folder holding one embedded data folder (<see cref="DataPath"/>), with the accounts opened on it.
/// The data folder sits one level down so tests can check that nothing is ever written next to it.
/// </summary>
public sealed class EmbeddedTestFolder : IDisposable
{
    private readonly List<EmbeddedStorageAccount> _accounts = [];

    public EmbeddedTestFolder()
    {
        Root = Directory.CreateTempSubdirectory("stratus-embedded-test-").FullName;
        DataPath = Path.Combine(Root, "data");
    }

    public string Root { get; }

    public string DataPath { get; }

    public FakeTimeProvider Clock { get; } = new();

    internal EmbeddedStorageAccount Open()
    {
        var account = new EmbeddedStorageAccount(DataPath, Clock);
        _accounts.Add(account);
        return account;
    }

    public void Dispose()
    {
        foreach (var account in _accounts)
        {
            account.Dispose();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
