using Stratus.Storage.Embedded;
using Stratus.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Storage.Tests.Contract;

/// <summary>The embedded adapter in a fresh data folder, on a fake clock.</summary>
public sealed class EmbeddedTarget : StorageTarget
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly string _dataPath = Directory.CreateTempSubdirectory("stratus-embedded-").FullName;

    public override bool HasFakeClock => true;

    public override Task AdvanceAsync(TimeSpan by)
    {
        _clock.Advance(by);
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    protected override Task<IStorageAccount> CreateAccountAsync() =>
        Task.FromResult<IStorageAccount>(new EmbeddedStorageAccount(_dataPath, _clock));
}
