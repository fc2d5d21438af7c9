using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Stratus.Standalone.Tests.Triggers.Timers;

/// <summary>Keeps the event id of every log entry, so tests can count what the loop reported.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<EventId> _events = new();

    public int Count(int eventId) => _events.Count(e => e.Id == eventId);

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(_events);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(ConcurrentQueue<EventId> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            events.Enqueue(eventId);
    }
}
