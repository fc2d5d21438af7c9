using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Infra.Schedules;
using Stratus.Api.Maintenance;
using Stratus.AzureFunctions.Triggers;
using Stratus.Testing;
using Stratus.Testing.Functions;

namespace Stratus.AzureFunctions.Tests;

/// <summary><see cref="TimerFunctions"/> invoked directly with the <see cref="TimerInfo"/> the timer trigger hands over.</summary>
public sealed class TimerFunctionsTests(AzureFunctionsAppFixture app) : IClassFixture<AzureFunctionsAppFixture>
{
    [Fact]
    public async Task InfraSchedules_DueSchedule_CreatesTheJobAndStartsItsQueue()
    {
        var ct = TestTimeout.Token(60);
        var org = await app.CreateWorkspaceAsync(ct);
        await app.ApiAsync(HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/main/schedules", new { cron = "* * * ? * *", template = "terraform-plan-apply-cli" }, ct);

        // Every second is due within a second of now; fire as the host would until it has been.
        var jobs = (await app.ApiAsync(HttpMethod.Get, $"/api/v1/organizations/{org}/workspaces/main/jobs", cancellationToken: ct)).GetProperty("items");
        while (jobs.GetArrayLength() == 0)
        {
            await FireAsync((functions, context) => functions.InfraSchedules(new TimerInfo(), app.Durable, context), ScheduleTimerFunction.Name, ct);
            jobs = (await app.ApiAsync(HttpMethod.Get, $"/api/v1/organizations/{org}/workspaces/main/jobs", cancellationToken: ct)).GetProperty("items");
            if (jobs.GetArrayLength() == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
        }

        var job = Assert.Single(jobs.EnumerateArray());
        Assert.Equal("schedule", job.GetProperty("via").GetString(), ignoreCase: true);
        Assert.NotNull(await app.Durable.GetInstanceAsync($"wsq:{org}:main", ct));
    }

    [Fact]
    public async Task StorageMaintenance_EmbeddedStoreWithOldOrphan_SweepsIt()
    {
        var ct = TestTimeout.Token();
        var orphan = Path.Combine(app.DataPath, "blobs", Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(orphan, "left by a crash", ct);
        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow.AddHours(-2));

        var status = new ScheduleStatus { Last = DateTime.UtcNow.AddMinutes(-30), Next = DateTime.UtcNow, LastUpdated = DateTime.UtcNow.AddMinutes(-30) };
        await FireAsync((functions, context) => functions.StorageMaintenance(new TimerInfo { ScheduleStatus = status, IsPastDue = true }, context), StorageMaintenanceFunction.Name, ct);

        Assert.False(File.Exists(orphan));
    }

    [Fact]
    public void Timer_ScheduleStatus_IsHandedOverInUtc()
    {
        var last = new DateTime(2026, 12, 7, 5, 0, 0, DateTimeKind.Utc);
        var timer = new TimerInfo { IsPastDue = true, ScheduleStatus = new ScheduleStatus { Last = last, Next = last.AddMinutes(30), LastUpdated = last } };

        var invocation = TriggerInvocations.Timer("storageMaintenance", timer);

        Assert.True(invocation.IsPastDue);
        Assert.Equal(new DateTimeOffset(last), invocation.ScheduleStatus!.Last);
        Assert.Equal(new DateTimeOffset(last.AddMinutes(30)), invocation.ScheduleStatus.Next);
    }

    private async Task FireAsync(Func<TimerFunctions, FunctionContext, Task> function, string name, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var context = new DirectFunctionContext(name, scope.ServiceProvider, cancellationToken: cancellationToken);
        await function(ActivatorUtilities.CreateInstance<TimerFunctions>(scope.ServiceProvider), context);
    }
}
