using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Functions.Functions;

namespace Stratus.Functions.Tests.CustomHandler;

/// <summary>The app with test queue and timer functions declared next to its own.</summary>
public sealed class CustomHandlerApiFixture : IDisposable
{
    public const string QueueFunction = "testQueue";
    public const string FailingFunction = "failingQueue";
    public const string TimerFunction = "testTimer";
    public const string QueueName = "test-queue";

    private readonly StratusApiFixture _api = new();

    public CustomHandlerApiFixture()
    {
        Factory = _api.WithWebHostBuilder(builder => builder.ConfigureServices(services => services
            .AddSingleton(Recorder)
            .AddQueueFunction<RecordingQueueFunction>(QueueFunction, QueueName)
            .AddQueueFunction<FailingQueueFunction>(FailingFunction, "failing-queue")
            .AddTimerFunction<RecordingTimerFunction>(TimerFunction, "0 */5 * * * *")));
    }

    public InvocationRecorder Recorder { get; } = new();

    public WebApplicationFactory<Program> Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        _api.Dispose();
    }
}
