using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Stratus.Durable;
using Stratus.Storage;

namespace Stratus.Testing.Functions;

/// <summary>
/// What the <c>[DurableClient]</c> binding hands the Azure app's functions, without a Functions host: a Durable Task
/// client over a real embedded store of its own in <paramref name="dataPath"/>, with no worker. Orchestrations a
/// function starts are scheduled and stay pending (running them is Durable Functions' part), so a test can read them.
/// </summary>
public sealed class DurableClientBinding : IDisposable
{
    private readonly IHost _host;

    public DurableClientBinding(string dataPath)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Stratus:Storage:DataPath"] = dataPath,
            ["Stratus:Durable:EmbeddedDatabase"] = "durable-binding.db",
            ["Stratus:Durable:RunWorker"] = "false",
        });
        builder.Services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection(StorageOptions.SectionName));
        builder.Services.AddStratusDurable(builder.Configuration);
        _host = builder.Build();
        _host.Start();
        Client = _host.Services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public void Dispose()
    {
        _host.StopAsync().GetAwaiter().GetResult();
        _host.Dispose();
    }
}
