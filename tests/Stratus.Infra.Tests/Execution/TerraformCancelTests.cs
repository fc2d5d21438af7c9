using System.Diagnostics;
using Stratus.Infra.Execution;
using Stratus.Testing;
using Stratus.Processes;

namespace Stratus.Infra.Tests.Execution;

/// <summary>Cancelling a terraform run stops terraform and what its local-exec started.</summary>
public sealed class TerraformCancelTests
{
    // sh waits on a background sleep, so the tree is terraform -> sh -> sleep, and the sleep's pid is logged.
    private const string LongLocalExec = """
        resource "terraform_data" "slow" {
          provisioner "local-exec" {
            command = "sleep 30 & echo SLEEPER=$!; wait"
          }
        }
        """;

    [TerraformFact]
    public async Task Apply_CancelledDuringLongLocalExec_KillsTerraformAndItsChild()
    {
        using var terraform = new TerraformHarness();
        terraform.Write("main.tf", LongLocalExec);
        Assert.Equal(0, await terraform.RunAsync(TerraformCommands.Init(), TestTimeout.Token()));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token());

        var apply = terraform.RunAsync(TerraformCommands.Apply(), cancel.Token);
        var sleeper = Processes.ParseAfter(await terraform.Log.WaitForAsync("(local-exec): SLEEPER=", TestTimeout.Token()), "SLEEPER=");
        try
        {
            // sleep, its sh, terraform: everything between this test and the sleep.
            var tree = Processes.TreeUpToThisProcess(sleeper);
            Assert.True(tree.Count >= 3, "expected terraform -> sh -> sleep, found " + string.Join(" <- ", tree));
            var stopwatch = Stopwatch.StartNew();
            await cancel.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => apply);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), "terraform was still running after " + stopwatch.Elapsed);
            foreach (var pid in tree)
            {
                Assert.True(await Processes.WaitUntilGoneAsync(pid, TimeSpan.FromSeconds(5)), $"process {pid} of the cancelled apply is still running");
            }
        }
        finally
        {
            Processes.KillQuietly(sleeper);
        }
    }

    [TerraformFact]
    public async Task Apply_CancelledWithGracefulStop_TerraformInterruptedLockReleasedChildKilled()
    {
        using var terraform = new TerraformHarness();
        terraform.Write("main.tf", LongLocalExec);
        Assert.Equal(0, await terraform.RunAsync(TerraformCommands.Init(), TestTimeout.Token()));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestTimeout.Token());

        var spec = terraform.Spec(TerraformCommands.Apply()) with { GracefulStopTimeout = TimeSpan.FromSeconds(15) };
        var apply = ProcessRunner.RunAsync(spec, terraform.Log.Add, cancel.Token);
        var sleeper = Processes.ParseAfter(await terraform.Log.WaitForAsync("(local-exec): SLEEPER=", TestTimeout.Token()), "SLEEPER=");
        try
        {
            await cancel.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => apply);
            Assert.Contains("Interrupt received.", terraform.Log.Lines);
            Assert.False(File.Exists(Path.Combine(terraform.Folder, ".terraform.tfstate.lock.info")), "the interrupted terraform left its state lock");
            Assert.True(await Processes.WaitUntilGoneAsync(sleeper, TimeSpan.FromSeconds(5)), "the sleep orphaned by terraform's interrupt outlived the run");
        }
        finally
        {
            Processes.KillQuietly(sleeper);
        }
    }
}
