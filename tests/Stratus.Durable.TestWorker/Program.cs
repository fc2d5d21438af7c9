using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Stratus.Durable;
using Stratus.Durable.TestWorker;
using Stratus.Storage;

// A durable worker process for the crash tests, which kill it. Settings come from environment variables and then
// arguments (configuration keys: Stratus__Durable__HubName or --Stratus:Durable:HubName, and so on):
//   Stratus:Storage:Provider, :DataPath, :ConnectionString   the task hub's storage (embedded folders may be shared)
//   Stratus:Durable:HubName (and any other DurableOptions)     leases and polling default to a few seconds or less
//   TestWorker:ExecutionLog                                     a file to note each finished activity run in
//   TestWorker:ExitOnStdinClose                                 stop when standard input closes (the parent died)
// Prints "ready <worker id>" once the worker polls its queues.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    // Short leases so a killed worker's partitions come free within seconds, as in the in-process test hosts.
    ["Stratus:Durable:PartitionLeaseDuration"] = "00:00:04",
    ["Stratus:Durable:PartitionLeaseRenewInterval"] = "00:00:00.500",
    ["Stratus:Durable:MaxPollingInterval"] = "00:00:00.200",

    // What a killed worker had received reappears after these, so keep them near the lease duration too.
    ["Stratus:Durable:ControlMessageVisibilityTimeout"] = "00:00:04",
    ["Stratus:Durable:WorkItemVisibilityTimeout"] = "00:00:04",
});
builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);

// Standard output carries only the ready line; warnings and errors go to standard error.
builder.Logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "HH:mm:ss.fff ";
}).Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);

// A stop whose storage is gone (the test and its Azurite died) gives up soon rather than lingering.
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
builder.Services.AddStratusStorage(builder.Configuration);
builder.Services.AddSingleton(new ExecutionLog(builder.Configuration["TestWorker:ExecutionLog"]));
builder.Services.AddStratusDurable(builder.Configuration).AddTestWorkerOrchestrations();

using var host = builder.Build();
await host.StartAsync();
var workerId = host.Services.GetRequiredService<IOptions<DurableOptions>>().Value.WorkerId;
Console.WriteLine($"{WorkerOutput.Ready} {workerId}");

if (builder.Configuration.GetValue<bool>("TestWorker:ExitOnStdinClose"))
{
    // A test that dies without killing its workers must not leave them polling forever.
    var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
    _ = Task.Run(async () =>
    {
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        lifetime.StopApplication();
    });
}

await host.WaitForShutdownAsync();
