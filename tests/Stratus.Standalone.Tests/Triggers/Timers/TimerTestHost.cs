using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stratus.Standalone.Triggers.Timers;
using Stratus.Storage;

namespace Stratus.Standalone.Tests.Triggers.Timers;

/// <summary>
/// One simulated process: its own DI container and storage account on the shared data folder, the shared fake clock,
/// and the timer loop as its hosted service.
/// </summary>
internal sealed class TimerTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly StandaloneTimerTriggerService _service;

    public TimerTestHost(
        string name,
        string dataPath,
        TimeProvider clock,
        InvocationRecorder recorder,
        ILoggerProvider logs,
        Action<IServiceCollection> declare,
        IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection>? configure)
    {
        Name = name;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        services.AddSingleton(clock);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton(_ => StorageAccountFactory.Create(new StorageOptions { Provider = StorageProvider.Embedded, DataPath = dataPath }, clock));
        services.AddSingleton(recorder);
        services.AddSingleton(new TimerTestHostName(name));
        declare(services);
        services.AddStandaloneTimerTriggers();
        configure?.Invoke(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _service = _services.GetServices<IHostedService>().OfType<StandaloneTimerTriggerService>().Single();
    }

    public string Name { get; }

    public Task StartAsync(CancellationToken cancellationToken) => _service.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _service.StopAsync(cancellationToken);

    /// <summary>A crash: everything stops, nothing is released.</summary>
    public void Die() => _service.Dispose();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
