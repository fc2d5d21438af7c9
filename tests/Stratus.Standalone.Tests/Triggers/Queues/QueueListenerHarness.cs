using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stratus.Api.Triggers;
using Stratus.Standalone.Triggers.Queues;
using Stratus.Storage;
using Stratus.Storage.Queues;
using Stratus.Testing;

namespace Stratus.Standalone.Tests.Triggers.Queues;

/// <summary>
/// A host holding one queue function (backed by a <see cref="QueueTestProbe"/>) over a real store: the embedded one in
/// a fresh temp folder, or the shared Azurite. The queue name is unique per harness and the queue exists at start.
/// </summary>
internal sealed class QueueListenerHarness : IAsyncDisposable
{
    public const string FunctionName = "probe";

    private readonly IStorageAccount _inner;
    private readonly string? _dataPath;
    private bool _stopped;

    private QueueListenerHarness(IStorageAccount inner, string? dataPath, IHost host, string queueName)
    {
        _inner = inner;
        _dataPath = dataPath;
        Host = host;
        QueueName = queueName;
        Storage = (ObservedStorageAccount)host.Services.GetRequiredService<IStorageAccount>();
        Queue = Storage.Queues.GetQueue(queueName);
        PoisonQueue = Storage.Queues.GetQueue(queueName + "-poison");
    }

    public IHost Host { get; }

    public string QueueName { get; }

    public ObservedStorageAccount Storage { get; }

    public IQueueClient Queue { get; }

    public IQueueClient PoisonQueue { get; }

    public IQueueWakeup Wakeup => Host.Services.GetRequiredService<IQueueWakeup>();

    public StandaloneQueueTriggerService Service => Host.Services.GetServices<IHostedService>().OfType<StandaloneQueueTriggerService>().Single();

    /// <param name="settings">Configuration keys and values, e.g. <c>Stratus:Functions:Queues:BatchSize</c>.</param>
    /// <param name="clock">The clock of the store and the listener; the system clock when <c>null</c>.</param>
    /// <param name="declaredQueueName">The queue name as the function declares it; the generated name when <c>null</c>.</param>
    /// <param name="logs">Receives the host's log entries, when given.</param>
    public static async Task<QueueListenerHarness> CreateAsync(
        QueueStore store,
        QueueTestProbe probe,
        CancellationToken cancellationToken,
        IDictionary<string, string?>? settings = null,
        TimeProvider? clock = null,
        string? declaredQueueName = null,
        ILoggerProvider? logs = null)
    {
        var queueName = "q" + Guid.NewGuid().ToString("N")[..20];
        string? dataPath = null;
        IStorageAccount inner;
        if (store == QueueStore.Embedded)
        {
            dataPath = Directory.CreateTempSubdirectory("stratus-queue-trigger-").FullName;
            inner = StorageAccountFactory.Create(new StorageOptions { Provider = StorageProvider.Embedded, DataPath = dataPath }, clock ?? TimeProvider.System);
        }
        else
        {
            var azurite = await AzuriteServer.Shared;
            inner = StorageAccountFactory.Create(new StorageOptions { Provider = StorageProvider.Azure, ConnectionString = azurite.ConnectionString }, TimeProvider.System);
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs);
            }
        });
        builder.Services.AddSingleton<IStorageAccount>(new ObservedStorageAccount(inner));
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddSingleton(probe);
        builder.Services.AddQueueFunction<ProbeQueueFunction>(FunctionName, declaredQueueName ?? queueName);
        builder.Services.AddStandaloneQueueTriggers();
        var harness = new QueueListenerHarness(inner, dataPath, builder.Build(), queueName);
        await harness.Queue.CreateIfNotExistsAsync(cancellationToken);
        return harness;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Host.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        await Host.StopAsync(cancellationToken);
    }

    /// <summary>Enqueues as a producer in this process does: encoded, then a notify.</summary>
    public Task<QueueMessageReceipt> SendAsync(string text, CancellationToken cancellationToken) =>
        Queue.SendToFunctionAsync(text, Wakeup, cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            try
            {
                await Host.StopAsync(TestTimeout.Token(30));
            }
            catch (OperationCanceledException)
            {
                // A test that already failed; its queues are cleaned up below anyway.
            }
        }

        Host.Dispose();
        if (_dataPath is null)
        {
            await Queue.DeleteIfExistsAsync();
            await PoisonQueue.DeleteIfExistsAsync();
        }

        (_inner as IDisposable)?.Dispose();
        if (_dataPath is not null)
        {
            try
            {
                Directory.Delete(_dataPath, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}
