using Microsoft.Extensions.Logging;
using Stratus.Durable.History;
using Stratus.Durable.Replay;
using Stratus.Durable.Tests.Orchestrations;

namespace Stratus.Durable.Tests.Replay;

public sealed class OrchestrationExecutorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_HistoryMatchesCode_ReplaysToTheSameNextStep()
    {
        var executor = Start(new HelloSequence());
        executor.Apply(new TaskScheduledEvent(0, nameof(SayHello)), replaying: true);

        executor.Apply(new TaskCompletedEvent(0) { Data = "\"Hello Tokyo!\"" }, replaying: false);
        var outcome = executor.TakeOutcome(T0);

        var next = Assert.IsType<TaskScheduledEvent>(Assert.Single(outcome.NewActions));
        Assert.Equal((1, nameof(SayHello), "\"Seattle\""), (next.EventId, next.Name, next.Data));
        Assert.Null(outcome.Completion);
    }

    [Fact]
    public void Apply_ResultArrivesWithItsUnrecordedStep_RecordsTheStepFirst()
    {
        // A crash lost the checkpoint that recorded step #1, but its activity ran: both results arrive together.
        var executor = Start(new HelloSequence());
        executor.Apply(new TaskScheduledEvent(0, nameof(SayHello)), replaying: true);

        executor.Apply(new TaskCompletedEvent(0) { Data = "\"Hello Tokyo!\"" }, replaying: false);
        executor.Apply(new TaskCompletedEvent(1) { Data = "\"Hello Seattle!\"" }, replaying: false);
        var outcome = executor.TakeOutcome(T0);

        Assert.Equal(
            ["TaskCompleted(0)", "TaskScheduled(1)", "TaskCompleted(1)", "TaskScheduled(2)"],
            outcome.Recorded.Select(e => e switch
            {
                TaskScheduledEvent s => $"TaskScheduled({s.EventId})",
                TaskCompletedEvent c => $"TaskCompleted({c.TaskScheduledId})",
                _ => e.GetType().Name,
            }));
    }

    [Fact]
    public void Apply_RecordedStepIsAnotherActivity_ThrowsNamingOrchestratorAndStep()
    {
        var executor = Start(new HelloSequence());

        var error = Assert.Throws<NonDeterministicOrchestrationException>(
            () => executor.Apply(new TaskScheduledEvent(0, "SomethingElse"), replaying: true));

        Assert.Contains("Orchestrator 'HelloSequence'", error.Message, StringComparison.Ordinal);
        Assert.Contains("history step #0 is activity 'SomethingElse', but replay scheduled activity 'SayHello'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RecordedStepCodeNeverSchedules_Throws()
    {
        var executor = Start(new HelloSequence());

        var error = Assert.Throws<NonDeterministicOrchestrationException>(() => executor.Apply(new TimerCreatedEvent(5, T0), replaying: true));

        Assert.Contains("replay did not schedule step #5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_DuplicateCompletion_IsRejected()
    {
        var executor = Start(new HelloSequence());
        Complete(executor, 0, "\"Hello Tokyo!\"");

        var duplicate = executor.Apply(new TaskCompletedEvent(0) { Data = "\"again\"" }, replaying: false);
        var unknown = executor.Apply(new TaskCompletedEvent(42) { Data = "\"who?\"" }, replaying: false);
        var staleExecution = executor.Apply(new TaskCompletedEvent(1, "an-older-execution") { Data = "\"old\"" }, replaying: false);

        Assert.False(duplicate);
        Assert.False(unknown);
        Assert.False(staleExecution);
    }

    [Fact]
    public void NewGuid_ReplayedHistory_GivesTheSameGuids()
    {
        var first = RunGuids();
        var second = RunGuids();

        Assert.Equal(first, second);
        Assert.NotEqual(first[0], first[1]);
    }

    [Fact]
    public void CreateReplaySafeLogger_Replaying_WritesOnlyNewSteps()
    {
        var sink = new ListLogger();
        var executor = new OrchestrationExecutor(new GuidsAndLogs(sink.For<GuidsAndLogs>()), "i", new ExecutionStartedEvent(nameof(GuidsAndLogs), "e"));
        executor.Apply(new OrchestratorStartedEvent { Timestamp = T0 }, replaying: true);
        executor.Apply(new ExecutionStartedEvent(nameof(GuidsAndLogs), "e"), replaying: true);
        executor.Apply(new TaskScheduledEvent(0, nameof(SayHello)), replaying: true);

        executor.Apply(new TaskCompletedEvent(0) { Data = "\"Hello x!\"" }, replaying: false);

        Assert.Equal(["after"], sink.Messages);
    }

    private static Guid[] RunGuids()
    {
        var executor = new OrchestrationExecutor(new GuidsAndLogs(new ListLogger().For<GuidsAndLogs>()), "instance-1", new ExecutionStartedEvent(nameof(GuidsAndLogs), "exec-1"));
        executor.Apply(new OrchestratorStartedEvent { Timestamp = T0 }, replaying: false);
        executor.Apply(new ExecutionStartedEvent(nameof(GuidsAndLogs), "exec-1"), replaying: false);
        executor.TakeOutcome(T0);
        executor.Apply(new TaskCompletedEvent(0) { Data = "\"Hello x!\"" }, replaying: false);
        return DurableSerializer.Deserialize<Guid[]>(executor.TakeOutcome(T0).Completion!.Data)!;
    }

    private static OrchestrationExecutor Start(IOrchestrator orchestrator)
    {
        var started = new ExecutionStartedEvent(orchestrator.GetType().Name, "exec-1");
        var executor = new OrchestrationExecutor(orchestrator, "instance-1", started);
        executor.Apply(new OrchestratorStartedEvent { Timestamp = T0 }, replaying: true);
        executor.Apply(started, replaying: true);
        return executor;
    }

    private static void Complete(OrchestrationExecutor executor, int step, string result)
    {
        executor.Apply(new TaskScheduledEvent(step, nameof(SayHello)), replaying: true);
        executor.Apply(new TaskCompletedEvent(step) { Data = result }, replaying: true);
    }

    private sealed class ListLogger
    {
        public List<string> Messages { get; } = [];

        public ILogger<T> For<T>() => new Sink<T>(Messages);

        private sealed class Sink<T>(List<string> messages) : ILogger<T>
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Add(formatter(state, exception));
        }
    }
}
