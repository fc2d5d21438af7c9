using Microsoft.DurableTask;
using Stratus.Orchestrations.Jobs;

namespace Stratus.AzureFunctions.Tests;

/// <summary>
/// Stand-in activities shared by the tests that run orchestrator wrappers on the SDK's in-process backend. One
/// registration per activity name in this assembly: the Durable Task analyzers fail the build on a second one.
/// </summary>
internal static class StandInActivities
{
    public static void AddNextJob(DurableTaskRegistry tasks, Func<WorkspaceQueueInput, NextJob> answer) =>
        tasks.AddActivityFunc<WorkspaceQueueInput, NextJob>(nameof(NextJobActivity), (_, input) => answer(input));
}
