using Stratus.Testing;

namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>
/// Azurite processes of the durable tests' own, apart from the shared one the storage tests use. Azurite 3.37 sweeps
/// deleted queue messages once a minute and answers nothing while it does, and the sweep grows much faster than the
/// number of messages (about 2 s for 1,200, over 3 minutes for 8,800). DurableTask.AzureStorage moves thousands of
/// messages over the suite, so its task hubs are spread over a few processes, round robin, to keep each sweep short.
/// </summary>
internal static class DurableAzurite
{
    private const int ProcessCount = 3;
    private static readonly Lazy<Task<AzuriteServer>>[] Servers =
        [.. Enumerable.Range(0, ProcessCount).Select(_ => new Lazy<Task<AzuriteServer>>(AzuriteServer.StartAsync))];

    private static int _next = -1;

    static DurableAzurite()
    {
        // Each server stops itself at exit, one after the other; the test host may be ended before the last has.
        // Stopping them all at once, first, leaves none behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Parallel.ForEach(
            Servers.Where(s => s.IsValueCreated && s.Value.IsCompletedSuccessfully),
            server => server.Value.Result.Dispose());
    }

    /// <summary>The connection string of the next Azurite in turn, started on first use and stopped at process exit.</summary>
    public static async Task<string> NextConnectionStringAsync()
    {
        var index = (int)((uint)Interlocked.Increment(ref _next) % ProcessCount);
        return (await Servers[index].Value).ConnectionString;
    }
}
