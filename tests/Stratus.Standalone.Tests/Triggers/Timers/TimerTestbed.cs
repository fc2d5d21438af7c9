using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Triggers;
using Stratus.Standalone.Triggers.Timers;
using Stratus.Storage;
using Stratus.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Stratus.Standalone.Tests.Triggers.Timers;

/// <summary>One test's world: a temp data folder, one fake clock, the shared recorder and log, and the hosts on them.</summary>
internal sealed class TimerTestbed : IAsyncDisposable
{
    public const string FunctionName = "tick";

    private readonly string _root = Directory.CreateTempSubdirectory("stratus-timers-").FullName;
    private readonly List<TimerTestHost> _hosts = [];

    public static DateTimeOffset Start { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public InvocationRecorder Recorder { get; } = new();

    public RecordingLoggerProvider Logs { get; } = new();

    public string DataPath => Path.Combine(_root, "data");

    /// <summary>Declares the test timer, <see cref="FunctionName"/>.</summary>
    public static Action<IServiceCollection> Tick(string schedule, bool runOnStartup = false) =>
        services => services.AddTimerFunction<RecordingTimer>(FunctionName, schedule, runOnStartup);

    public TimerTestHost AddHost(
        string name,
        Action<IServiceCollection> declare,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var host = new TimerTestHost(
            name,
            DataPath,
            Clock,
            Recorder,
            Logs,
            declare,
            settings ?? new Dictionary<string, string?> { ["Stratus:Functions:TimerLeaseDuration"] = "00:00:15" },
            configure);
        _hosts.Add(host);
        return host;
    }

    /// <summary>The status store of the test timer, on an account of its own (as another process would see it).</summary>
    public async Task<T> WithStatusStoreAsync<T>(Func<TimerStatusStore, Task<T>> work, CancellationToken cancellationToken)
    {
        var account = StorageAccountFactory.Create(new StorageOptions { Provider = StorageProvider.Embedded, DataPath = DataPath }, Clock);
        try
        {
            var container = account.Blobs.GetContainer(TimerStorageNames.Container);
            await container.CreateIfNotExistsAsync(cancellationToken);
            return await work(new TimerStatusStore(container, TimerStorageNames.StatusBlob("stratus", FunctionName)));
        }
        finally
        {
            (account as IDisposable)?.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
