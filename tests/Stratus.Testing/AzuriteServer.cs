using System.Diagnostics;

namespace Stratus.Testing;

/// <summary>
/// A real Azurite. The README's test command starts one and names it in <c>STRATUS_AZURITE_CONNECTION</c>; without
/// that (a run from an IDE), one is started per test process on free 127.0.0.1 ports with in-memory persistence and
/// stopped by its PID when the process exits. The binary comes from <c>STRATUS_AZURITE_BIN</c> or
/// <c>tools/node_modules/.bin/azurite</c> (the test command installs it there).
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    private static readonly Lazy<Task<AzuriteServer>> SharedServer = new(() =>
        Environment.GetEnvironmentVariable("STRATUS_AZURITE_CONNECTION") is { Length: > 0 } external
            ? Task.FromResult(new AzuriteServer(external))
            : StartAsync());

    private readonly Process? _process;
    private readonly string? _externalConnectionString;
    private readonly (int Blob, int Queue, int Table) _ports;

    private AzuriteServer(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _ports = (blobPort, queuePort, tablePort);
    }

    private AzuriteServer(string connectionString) => _externalConnectionString = connectionString;

    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string ConnectionString => _externalConnectionString ??
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_ports.Blob}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{_ports.Queue}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{_ports.Table}/{AccountName};";

    public Uri BlobEndpoint => Endpoint("BlobEndpoint");

    public Uri QueueEndpoint => Endpoint("QueueEndpoint");

    public Uri TableEndpoint => Endpoint("TableEndpoint");

    /// <summary>The Azurite every test of this process shares.</summary>
    public static Task<AzuriteServer> Shared => SharedServer.Value;

    public static async Task<AzuriteServer> StartAsync()
    {
        AzuriteServer? server = null;
        try
        {
            await AzuriteProcess.StartAsync(Path.GetTempPath(), [], started =>
            {
                server = new AzuriteServer(started.Process, started.Ports.Blob, started.Ports.Queue, started.Ports.Table);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
            });
            return server!;
        }
        catch
        {
            server?.Dispose();
            throw;
        }
    }

    private Uri Endpoint(string setting) =>
        new(ConnectionString.Split(';').Single(part => part.StartsWith(setting + "=", StringComparison.Ordinal))[(setting.Length + 1)..]);

    public void Dispose()
    {
        if (_process is null)
        {
            return;
        }

        ChildProcess.Stop(_process);
    }
}
