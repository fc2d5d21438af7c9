using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Stratus.Durable.Tests.Infrastructure;

internal sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception) + (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")));
        }
    }
}
