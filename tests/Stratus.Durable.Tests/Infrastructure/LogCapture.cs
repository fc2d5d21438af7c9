using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>Keeps what a host logs at Warning and above, for assertions and for failure messages.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    public void Dispose()
    {
    }
}
