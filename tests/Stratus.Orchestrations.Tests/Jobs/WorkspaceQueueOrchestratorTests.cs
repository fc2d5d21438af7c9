using Microsoft.DurableTask.Client;
using Stratus.Infra.Jobs;
using Stratus.Infra.Templates;
using Stratus.Orchestrations.Jobs;
using Stratus.Orchestrations.Tests.Hosting;

namespace Stratus.Orchestrations.Tests.Jobs;

/// <summary>
/// The real <see cref="WorkspaceQueueOrchestrator"/> running the real <see cref="JobOrchestrator"/> as its
/// sub-orchestrations, on the SDK's in-process backend with fake activities. Each queue test ends with the workspace
/// gone, the one way the eternal queue completes.
/// </summary>
public sealed class WorkspaceQueueOrchestratorTests
{
    private const string WorkspaceGone = "workspace gone";
    private static readonly WorkspaceQueueInput Queue = new("acme", "network");
    private static readonly NextJob Gone = new(null, WorkspaceLocked: false, WorkspaceGone: true);
    private static readonly NextJob Idle = new(null, WorkspaceLocked: false, WorkspaceGone: false);
    private static readonly NextJob Locked = new(null, WorkspaceLocked: true, WorkspaceGone: false);
    private readonly JobActivityFakes _fakes = new();

    [Fact]
    public async Task RunAsync_PendingJobs_RunsThemOneAtATimeInOrderAsSubOrchestrations()
    {
        _fakes.NextJob = JobActivityFakes.NextJobs(Gone, Pending(1), Pending(2), Pending(3));
        await using var host = await StartHostAsync();

        var output = await host.RunAsync(nameof(WorkspaceQueueOrchestrator), Queue, Queue.InstanceId);

        Assert.Equal(WorkspaceGone, output);
        // One job at a time: each job starts only after the one before it finished, and the queue looks again in between.
        string[] oneJob = [nameof(StartJobActivity), nameof(RunExecutorStepActivity), nameof(FinishJobActivity)];
        Assert.Equal([nameof(NextJobActivity), .. oneJob, nameof(NextJobActivity), .. oneJob, nameof(NextJobActivity), .. oneJob, nameof(NextJobActivity)], _fakes.Log.Names());
        Assert.Equal([JobOf(1), JobOf(2), JobOf(3)], _fakes.Log.Inputs<JobInput>(nameof(StartJobActivity)));
        Assert.All(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity)), finish => Assert.Equal(JobStatus.Completed, finish.Status));

        // The queue itself asked for every next job, with its own input after each continue-as-new...
        Assert.All(_fakes.Log.Calls.Where(c => c.Name == nameof(NextJobActivity)), call =>
        {
            Assert.Equal(Queue.InstanceId, call.InstanceId);
            Assert.Equal(Queue, call.Input);
        });
        var queue = await host.Client.GetInstanceAsync(Queue.InstanceId, getInputsAndOutputs: true);
        Assert.Equal(Queue, queue?.ReadInputAs<WorkspaceQueueInput>());

        // ...and each job ran as a sub-orchestration whose instance id is the job's.
        foreach (var id in new[] { 1, 2, 3 })
        {
            var job = JobOf(id);
            Assert.All(_fakes.Log.Calls.Where(c => c.Input is JobInput j && j == job || c.Input is JobFinish f && f.JobId == id), call => Assert.Equal(job.InstanceId, call.InstanceId));
            var instance = await host.Client.GetInstanceAsync(job.InstanceId, getInputsAndOutputs: true);
            Assert.NotNull(instance);
            Assert.Equal(nameof(JobOrchestrator), instance.Name);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
            Assert.Equal(JobStatus.Completed, instance.ReadOutputAs<string>());
        }
    }

    [Fact]
    public async Task RunAsync_NothingPending_WaitsForJobAdded()
    {
        var output = await RunAfterEventAsync(Idle, JobEvents.JobAdded);

        Assert.Equal(WorkspaceGone, output);
    }

    [Fact]
    public async Task RunAsync_WorkspaceLocked_WaitsForUnlocked()
    {
        var output = await RunAfterEventAsync(Locked, JobEvents.Unlocked);

        Assert.Equal(WorkspaceGone, output);
    }

    [Fact]
    public async Task RunAsync_JobOrchestrationFails_FinishesTheJobFailedAndGoesOn()
    {
        _fakes.NextJob = JobActivityFakes.NextJobs(Gone, Pending(1), Pending(2));

        // A start answer without steps breaks the job orchestration's own code: nothing in it can finish the job.
        _fakes.StartJob = input => input.JobId == 1
            ? JobActivityFakes.Start() with { Steps = null! }
            : JobActivityFakes.Start(JobActivityFakes.Step(1, TclFlowType.TerraformPlan));
        await using var host = await StartHostAsync();

        var output = await host.RunAsync(nameof(WorkspaceQueueOrchestrator), Queue, Queue.InstanceId);

        Assert.Equal(WorkspaceGone, output);
        Assert.Equal([JobOf(1), JobOf(2)], _fakes.Log.Inputs<JobInput>(nameof(StartJobActivity)));
        var failed = await host.Client.GetInstanceAsync(JobOf(1).InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed?.RuntimeStatus);

        // The broken job is finished by the queue, with the cause rather than the SDK's wrapping, then the next job runs.
        var finishes = _fakes.Log.Calls.Where(c => c.Name == nameof(FinishJobActivity)).ToList();
        Assert.Equal(2, finishes.Count);
        Assert.Equal(Queue.InstanceId, finishes[0].InstanceId);
        var brokenJob = Assert.IsType<JobFinish>(finishes[0].Input);
        Assert.Equal((1, JobStatus.Failed), (brokenJob.JobId, brokenJob.Status));
        Assert.DoesNotContain("JobOrchestrator", brokenJob.Reason, StringComparison.Ordinal);
        Assert.Equal(JobOf(2).InstanceId, finishes[1].InstanceId);
        Assert.Equal(new JobFinish(Queue.Organization, Queue.Workspace, 2, JobStatus.Completed, null), finishes[1].Input);
    }

    [Fact]
    public async Task RunAsync_ExecutorStepThrows_TheJobFailsItselfWithTheCauseAndTheQueueGoesOn()
    {
        _fakes.NextJob = JobActivityFakes.NextJobs(Gone, Pending(1), Pending(2));
        _fakes.RunExecutorStep = input => input.JobId == 1
            ? throw new InvalidOperationException("The executor crashed.")
            : Task.FromResult(new StepResult(StepOutcome.Completed, null));
        await using var host = await StartHostAsync();

        var output = await host.RunAsync(nameof(WorkspaceQueueOrchestrator), Queue, Queue.InstanceId);

        Assert.Equal(WorkspaceGone, output);
        var finishes = _fakes.Log.Calls.Where(c => c.Name == nameof(FinishJobActivity)).ToList();
        Assert.Equal([JobOf(1).InstanceId, JobOf(2).InstanceId], finishes.Select(f => f.InstanceId));
        var brokenJob = Assert.IsType<JobFinish>(finishes[0].Input);
        Assert.Equal((1, JobStatus.Failed), (brokenJob.JobId, brokenJob.Status));
        Assert.Contains("The executor crashed.", brokenJob.Reason, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync(JobOf(1).InstanceId))?.RuntimeStatus);
    }

    [Fact]
    public async Task RunAsync_WorkspaceGone_ReturnsWorkspaceGone()
    {
        await using var host = await StartHostAsync();

        var output = await host.RunAsync(nameof(WorkspaceQueueOrchestrator), Queue, Queue.InstanceId);

        Assert.Equal(WorkspaceGone, output);
        Assert.Equal([nameof(NextJobActivity)], _fakes.Log.Names());
    }

    private static NextJob Pending(int jobId) => new(jobId, WorkspaceLocked: false, WorkspaceGone: false);

    private static JobInput JobOf(int jobId) => new(Queue.Organization, Queue.Workspace, jobId);

    private Task<OrchestrationTestHost> StartHostAsync() => OrchestrationTestHost.StartAsync(tasks =>
    {
        tasks.AddOrchestrator<WorkspaceQueueOrchestrator>();
        tasks.AddOrchestrator<JobOrchestrator>();
        _fakes.Register(tasks);
    });

    /// <summary>
    /// The queue finds <paramref name="blocked"/> until the test raises <paramref name="eventName"/>; then one job is
    /// pending, then the workspace is gone. Before raising it, the test checks the queue is still in the execution that
    /// took the answer, with no second look: a queue that went round again would have continued as new (a new execution,
    /// so a new creation time) and looked again; one that ignored the event would not finish before the deadline (its
    /// own re-check is minutes away).
    /// </summary>
    private async Task<string?> RunAfterEventAsync(NextJob blocked, string eventName)
    {
        var firstLook = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var raised = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var afterEvent = JobActivityFakes.NextJobs(Gone, Pending(1));
        _fakes.NextJob = async input =>
        {
            if (raised.Task.IsCompleted)
            {
                return await afterEvent(input);
            }

            firstLook.TrySetResult();
            await answer.Task;
            return blocked;
        };
        await using var host = await StartHostAsync();
        await host.StartAsync(nameof(WorkspaceQueueOrchestrator), Queue, Queue.InstanceId);

        // The first look is in flight, so the instance is at the checkpoint that scheduled it; answer, and wait for the
        // checkpoint that handles the answer.
        await firstLook.Task.WaitAsync(OrchestrationTestHost.Deadline);
        var looking = await host.WaitForInstanceAsync(Queue.InstanceId, _ => true, "the queue");
        answer.SetResult();
        var waiting = await host.WaitForInstanceAsync(Queue.InstanceId, i => i.LastUpdatedAt != looking.LastUpdatedAt, "the queue to take the answer");
        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.True(waiting.CreatedAt == looking.CreatedAt, "The queue continued as new instead of waiting for the event.");
        Assert.Equal(1, _fakes.Log.Count(nameof(NextJobActivity)));

        raised.SetResult();
        await host.RaiseEventAsync(Queue.InstanceId, eventName, eventName);

        var instance = await host.WaitForCompletionAsync(Queue.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(3, _fakes.Log.Count(nameof(NextJobActivity)));
        Assert.Equal([JobOf(1)], _fakes.Log.Inputs<JobInput>(nameof(StartJobActivity)));
        Assert.Equal(new JobFinish(Queue.Organization, Queue.Workspace, 1, JobStatus.Completed, null), Assert.Single(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity))));
        return instance.ReadOutputAs<string>();
    }
}
