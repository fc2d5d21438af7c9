using Microsoft.DurableTask.Client;
using Stratus.Infra.Jobs;
using Stratus.Infra.Templates;
using Stratus.Orchestrations.Jobs;
using Stratus.Orchestrations.Tests.Hosting;
using static Stratus.Orchestrations.Tests.Jobs.JobActivityFakes;

namespace Stratus.Orchestrations.Tests.Jobs;

/// <summary>
/// The real <see cref="JobOrchestrator"/> on the SDK's in-process backend, with fake activities: every activity result
/// and event makes the orchestrator replay from its history, as it does in production.
/// </summary>
public sealed class JobOrchestratorTests
{
    private static readonly JobInput Job = new("acme", "network", 7);
    private readonly JobActivityFakes _fakes = new();

    [Fact]
    public async Task RunAsync_AllExecutorStepsComplete_FinishesCompleted()
    {
        _fakes.StartJob = _ => Start(Step(1, TclFlowType.TerraformPlan), Step(2, TclFlowType.TerraformApply), Step(3, TclFlowType.CustomScripts));

        var status = await RunAsync();

        Assert.Equal(JobStatus.Completed, status);
        Assert.Equal(
            [nameof(StartJobActivity), nameof(RunExecutorStepActivity), nameof(RunExecutorStepActivity), nameof(RunExecutorStepActivity), nameof(FinishJobActivity)],
            _fakes.Log.Names());
        Assert.Equal(Job, Assert.Single(_fakes.Log.Inputs<JobInput>(nameof(StartJobActivity))));
        Assert.Equal([StepOf(1), StepOf(2), StepOf(3)], _fakes.Log.Inputs<StepInput>(nameof(RunExecutorStepActivity)));
        Assert.Equal(FinishOf(JobStatus.Completed, null), Assert.Single(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity))));
        Assert.All(_fakes.Log.Calls, call => Assert.Equal(Job.InstanceId, call.InstanceId));
    }

    [Fact]
    public async Task RunAsync_PlanReportsNoChanges_FinishesNoChangesWithoutLaterSteps()
    {
        _fakes.StartJob = _ => Start(Step(1, TclFlowType.TerraformPlan), Step(2, TclFlowType.TerraformApply));
        _fakes.RunExecutorStep = _ => Task.FromResult(new StepResult(StepOutcome.NoChanges, null));

        var status = await RunAsync();

        Assert.Equal(JobStatus.NoChanges, status);
        Assert.Equal([StepOf(1)], _fakes.Log.Inputs<StepInput>(nameof(RunExecutorStepActivity)));
        Assert.Equal(FinishOf(JobStatus.NoChanges, "The plan has no changes."), Assert.Single(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity))));
    }

    [Fact]
    public async Task RunAsync_FailingStepWithIgnoreError_GoesOn()
    {
        _fakes.StartJob = _ => Start(Step(1, TclFlowType.CustomScripts, ignoreError: true), Step(2, TclFlowType.TerraformPlan));
        _fakes.RunExecutorStep = input => Task.FromResult(input.Step == 1 ? new StepResult(StepOutcome.Failed, "script exited 1") : new StepResult(StepOutcome.Completed, null));

        var status = await RunAsync();

        Assert.Equal(JobStatus.Completed, status);
        Assert.Equal([StepOf(1), StepOf(2)], _fakes.Log.Inputs<StepInput>(nameof(RunExecutorStepActivity)));
        Assert.Equal(FinishOf(JobStatus.Completed, null), Assert.Single(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity))));
    }

    [Fact]
    public async Task RunAsync_FailingStep_FinishesFailedWithItsReasonWithoutLaterSteps()
    {
        _fakes.StartJob = _ => Start(Step(1, TclFlowType.TerraformPlan), Step(2, TclFlowType.TerraformApply));
        _fakes.RunExecutorStep = _ => Task.FromResult(new StepResult(StepOutcome.Failed, "terraform exited 1"));

        var status = await RunAsync();

        Assert.Equal(JobStatus.Failed, status);
        Assert.Equal([StepOf(1)], _fakes.Log.Inputs<StepInput>(nameof(RunExecutorStepActivity)));
        Assert.Equal(FinishOf(JobStatus.Failed, "terraform exited 1"), Assert.Single(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity))));
    }

    [Fact]
    public async Task RunAsync_PlatformSteps_RunTheirActivitiesAndGoOn()
    {
        _fakes.StartJob = _ => Start(Step(1, TclFlowType.DisableWorkspace), Step(2, TclFlowType.ScheduleTemplates), Step(3, TclFlowType.TerraformPlan));

        var status = await RunAsync();

        Assert.Equal(JobStatus.Completed, status);
        Assert.Equal(
            [nameof(StartJobActivity), nameof(DisableWorkspaceActivity), nameof(ScheduleTemplatesActivity), nameof(RunExecutorStepActivity), nameof(FinishJobActivity)],
            _fakes.Log.Names());
        Assert.Equal([StepOf(1)], _fakes.Log.Inputs<StepInput>(nameof(DisableWorkspaceActivity)));
        Assert.Equal([StepOf(2)], _fakes.Log.Inputs<StepInput>(nameof(ScheduleTemplatesActivity)));
    }

    [Fact]
    public async Task RunAsync_ApprovalApproved_ContinuesWithTheNextStep()
    {
        _fakes.StartJob = _ => Start(Step(1, TclFlowType.TerraformPlan), Step(2, TclFlowType.Approval), Step(3, TclFlowType.TerraformApply));
        await using var host = await StartHostAsync();
        await host.StartAsync(nameof(JobOrchestrator), Job, Job.InstanceId);
        await WaitForApprovalWaitAsync();
        Assert.Equal([StepOf(1)], _fakes.Log.Inputs<StepInput>(nameof(RunExecutorStepActivity)));

        await host.RaiseEventAsync(Job.InstanceId, JobEvents.Approval, new ApprovalDecision(true, "alice"));

        Assert.Equal(JobStatus.Completed, await CompletedOutputAsync(host));
        Assert.Equal(
            [
                nameof(StartJobActivity), nameof(RunExecutorStepActivity), nameof(SetStatusActivity), nameof(SetStatusActivity),
                nameof(RunExecutorStepActivity), nameof(FinishJobActivity),
            ],
            _fakes.Log.Names());
        Assert.Equal(
            [WaitingFor(2), new StepStatusChange(Job.Organization, Job.Workspace, Job.JobId, 2, StepStatus.Completed, JobStatus.Running, "Approved by alice")],
            _fakes.Log.Inputs<StepStatusChange>(nameof(SetStatusActivity)));
        Assert.Equal([StepOf(1), StepOf(3)], _fakes.Log.Inputs<StepInput>(nameof(RunExecutorStepActivity)));
        Assert.Equal(FinishOf(JobStatus.Completed, null), Assert.Single(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity))));
    }

    [Fact]
    public async Task RunAsync_ApprovalEventWithoutADecision_CountsAsARejection()
    {
        _fakes.StartJob = _ => Start(Step(1, TclFlowType.Approval), Step(2, TclFlowType.TerraformApply));
        await using var host = await StartHostAsync();
        await host.StartAsync(nameof(JobOrchestrator), Job, Job.InstanceId);
        await WaitForApprovalWaitAsync();

        await host.RaiseEventAsync(Job.InstanceId, JobEvents.Approval, null);

        Assert.Equal(JobStatus.Rejected, await CompletedOutputAsync(host));
        Assert.Empty(_fakes.Log.Inputs<StepInput>(nameof(RunExecutorStepActivity)));
    }

    [Fact]
    public async Task RunAsync_ExecutorStepThrows_FinishesFailedWithTheCause()
    {
        _fakes.StartJob = _ => Start(Step(1, TclFlowType.TerraformPlan), Step(2, TclFlowType.TerraformApply));
        _fakes.RunExecutorStep = _ => throw new InvalidOperationException("The store is unreachable.");

        var status = await RunAsync();

        Assert.Equal(JobStatus.Failed, status);
        Assert.Equal([StepOf(1)], _fakes.Log.Inputs<StepInput>(nameof(RunExecutorStepActivity)));
        var finish = Assert.Single(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity)));
        Assert.Contains("The store is unreachable.", finish.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ApprovalRejectedWithOnReject_RunsOnRejectAndFinishesRejected()
    {
        _fakes.StartJob = _ => Start(Step(1, TclFlowType.TerraformPlan), Step(2, TclFlowType.Approval, hasOnReject: true), Step(3, TclFlowType.TerraformApply));

        var status = await RejectAsync();

        Assert.Equal(JobStatus.Rejected, status);
        Assert.Equal(
            [
                nameof(StartJobActivity), nameof(RunExecutorStepActivity), nameof(SetStatusActivity), nameof(SetStatusActivity),
                nameof(RunExecutorStepActivity), nameof(FinishJobActivity),
            ],
            _fakes.Log.Names());
        Assert.Equal([StepOf(1), StepOf(2) with { Phase = StepInput.OnReject }], _fakes.Log.Inputs<StepInput>(nameof(RunExecutorStepActivity)));
        Assert.Equal(FinishOf(JobStatus.Rejected, "Rejected by bob."), Assert.Single(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity))));
    }

    [Fact]
    public async Task RunAsync_ApprovalRejectedWithoutOnReject_FinishesRejectedWithoutRunningSteps()
    {
        _fakes.StartJob = _ => Start(Step(1, TclFlowType.TerraformPlan), Step(2, TclFlowType.Approval), Step(3, TclFlowType.TerraformApply));

        var status = await RejectAsync();

        Assert.Equal(JobStatus.Rejected, status);
        Assert.Equal([StepOf(1)], _fakes.Log.Inputs<StepInput>(nameof(RunExecutorStepActivity)));
        Assert.Equal(FinishOf(JobStatus.Rejected, "Rejected by bob."), Assert.Single(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity))));
    }

    [Fact]
    public async Task RunAsync_NoApprovalDecisionInTime_FinishesFailedWithTheTimeout()
    {
        var timeout = TimeSpan.FromSeconds(1);
        _fakes.StartJob = _ => Start(timeout, Step(1, TclFlowType.Approval), Step(2, TclFlowType.TerraformApply));

        var status = await RunAsync();

        Assert.Equal(JobStatus.Failed, status);
        Assert.Equal([nameof(StartJobActivity), nameof(SetStatusActivity), nameof(FinishJobActivity)], _fakes.Log.Names());
        Assert.Equal([WaitingFor(1)], _fakes.Log.Inputs<StepStatusChange>(nameof(SetStatusActivity)));
        Assert.Equal(
            FinishOf(JobStatus.Failed, $"No approval decision within {timeout}; the job timed out."),
            Assert.Single(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity))));
    }

    [Fact]
    public async Task RunAsync_CancelWhileWaitingForApproval_FinishesCancelled()
    {
        // The approval timer is an hour: the job can only end now because the cancel event wins and the timer is cancelled.
        _fakes.StartJob = _ => Start(Step(1, TclFlowType.Approval), Step(2, TclFlowType.TerraformApply));
        await using var host = await StartHostAsync();
        await host.StartAsync(nameof(JobOrchestrator), Job, Job.InstanceId);
        await WaitForApprovalWaitAsync();

        await host.RaiseEventAsync(Job.InstanceId, JobEvents.Cancel, "cancel");

        Assert.Equal(JobStatus.Cancelled, await CompletedOutputAsync(host));
        Assert.Equal([nameof(StartJobActivity), nameof(SetStatusActivity), nameof(FinishJobActivity)], _fakes.Log.Names());
        Assert.Equal(FinishOf(JobStatus.Cancelled, "Cancelled while waiting for approval."), Assert.Single(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity))));
    }

    [Fact]
    public async Task RunAsync_CancelDuringAStep_FinishesCancelledBeforeTheNextStep()
    {
        var release = new TaskCompletionSource<StepResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _fakes.StartJob = _ => Start(Step(1, TclFlowType.TerraformPlan), Step(2, TclFlowType.TerraformApply));
        _fakes.RunExecutorStep = _ => release.Task;
        await using var host = await StartHostAsync();
        await host.StartAsync(nameof(JobOrchestrator), Job, Job.InstanceId);
        await _fakes.Log.WaitUntilAsync(calls => calls.Any(c => c.Name == nameof(RunExecutorStepActivity)), "step 1 to start");

        // The event reaches the instance before the step's result does, so the orchestrator sees it between the steps.
        await host.RaiseEventAsync(Job.InstanceId, JobEvents.Cancel, "cancel");
        release.SetResult(new StepResult(StepOutcome.Completed, null));

        Assert.Equal(JobStatus.Cancelled, await CompletedOutputAsync(host));
        Assert.Equal([StepOf(1)], _fakes.Log.Inputs<StepInput>(nameof(RunExecutorStepActivity)));
        Assert.Equal(FinishOf(JobStatus.Cancelled, "Cancelled."), Assert.Single(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity))));
    }

    [Theory]
    [InlineData(JobStatus.Cancelled, JobStatus.Cancelled)]
    [InlineData(null, JobStatus.Failed)]
    public async Task RunAsync_StartSaysDoNotRun_ReturnsItsStatusWithoutFinishing(string? startStatus, string expected)
    {
        _fakes.StartJob = _ => new JobStart(false, startStatus, "The job is gone or already finished.", [], TimeSpan.FromHours(1));

        var status = await RunAsync();

        Assert.Equal(expected, status);
        Assert.Equal([nameof(StartJobActivity)], _fakes.Log.Names());
    }

    [Fact]
    public async Task RunAsync_UnsupportedFlowType_MarksTheStepFailedAndFinishesFailed()
    {
        _fakes.StartJob = _ => Start(Step(1, "terraformImport"), Step(2, TclFlowType.TerraformPlan));

        var status = await RunAsync();

        Assert.Equal(JobStatus.Failed, status);
        Assert.Equal([nameof(StartJobActivity), nameof(SetStatusActivity), nameof(FinishJobActivity)], _fakes.Log.Names());
        Assert.Equal(
            new StepStatusChange(Job.Organization, Job.Workspace, Job.JobId, 1, StepStatus.Failed, null, "Flow type 'terraformImport' is not supported yet."),
            Assert.Single(_fakes.Log.Inputs<StepStatusChange>(nameof(SetStatusActivity))));
        Assert.Equal(
            FinishOf(JobStatus.Failed, "Step 1: flow type 'terraformImport' is not supported yet."),
            Assert.Single(_fakes.Log.Inputs<JobFinish>(nameof(FinishJobActivity))));
    }

    private static StepInput StepOf(int step) => new(Job.Organization, Job.Workspace, Job.JobId, step);

    private static JobFinish FinishOf(string status, string? reason) => new(Job.Organization, Job.Workspace, Job.JobId, status, reason);

    private static StepStatusChange WaitingFor(int step) =>
        new(Job.Organization, Job.Workspace, Job.JobId, step, StepStatus.Running, JobStatus.WaitingApproval, null);

    private Task<OrchestrationTestHost> StartHostAsync() => OrchestrationTestHost.StartAsync(tasks =>
    {
        tasks.AddOrchestrator<JobOrchestrator>();
        _fakes.Register(tasks);
    });

    private async Task<string?> RunAsync()
    {
        await using var host = await StartHostAsync();
        return await host.RunAsync(nameof(JobOrchestrator), Job, Job.InstanceId);
    }

    private Task WaitForApprovalWaitAsync() => _fakes.Log.WaitUntilAsync(
        calls => calls.Any(c => c.Input is StepStatusChange { JobStatus: JobStatus.WaitingApproval }),
        "the job to wait for approval");

    /// <summary>Runs the job up to its approval, rejects it, and returns the job's final status.</summary>
    private async Task<string?> RejectAsync()
    {
        await using var host = await StartHostAsync();
        await host.StartAsync(nameof(JobOrchestrator), Job, Job.InstanceId);
        await WaitForApprovalWaitAsync();
        await host.RaiseEventAsync(Job.InstanceId, JobEvents.Approval, new ApprovalDecision(false, "bob"));
        var status = await CompletedOutputAsync(host);
        Assert.Equal(
            [WaitingFor(2), new StepStatusChange(Job.Organization, Job.Workspace, Job.JobId, 2, StepStatus.Failed, null, "Rejected by bob")],
            _fakes.Log.Inputs<StepStatusChange>(nameof(SetStatusActivity)));
        return status;
    }

    private static async Task<string?> CompletedOutputAsync(OrchestrationTestHost host)
    {
        var instance = await host.WaitForCompletionAsync(Job.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        return instance.ReadOutputAs<string>();
    }
}
