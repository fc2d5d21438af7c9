using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Infra.Schedules;
using Stratus.Infra.Jobs;
using Stratus.Infra.Schedules;
using Stratus.Storage;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Schedules;

/// <summary>
/// The <c>infraSchedules</c> timer's handler called directly with a chosen "now" (the schedules are due hours ahead of
/// the real clock, so the app's own timer never touches them): no test waits for real time.
/// </summary>
public sealed class ScheduleTimerTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>, IDisposable
{
    // The timer function is scoped (it starts orchestrations through the invocation's durable client), as per invocation.
    private readonly IServiceScope _scope = api.Services.CreateScope();

    public void Dispose() => _scope.Dispose();

    [Fact]
    public async Task Firing_TwoFunctionInstancesAtOnce_CreatesExactlyOneScheduleJob()
    {
        var ct = TestTimeout.Token(60);
        using var client = api.CreateClient();
        var (org, id, due) = await ScheduledWorkspaceAsync(client, new { cron = "0 0 3 ? * *", template = "plan" }, ct);
        using var scope = api.Services.CreateScope();
        var first = ActivatorUtilities.CreateInstance<ScheduleTimerFunction>(scope.ServiceProvider);
        var second = ActivatorUtilities.CreateInstance<ScheduleTimerFunction>(
            scope.ServiceProvider, new ScheduleStore(scope.ServiceProvider.GetRequiredService<IStorageAccount>()));
        var now = due.AddSeconds(1);

        await Task.WhenAll(Task.Run(() => first.RunAsync(now, ct), ct), Task.Run(() => second.RunAsync(now, ct), ct));
        await first.RunAsync(now.AddSeconds(5), ct);

        var jobs = (await api.Services.GetRequiredService<JobStore>().ListAsync(org, "w", 50, null, ct)).Items;
        var job = Assert.Single(jobs);
        Assert.Equal(JobVia.Schedule, job.Via);
        Assert.Equal("plan", job.Template);
        var schedule = (await api.Services.GetRequiredService<ScheduleStore>().GetAsync(org, "w", id, ct))!;
        Assert.Equal(due, schedule.LastFiredAt);
        Assert.Equal(due.AddDays(1), schedule.NextDueAt);
        Assert.Null(schedule.LastSkipReason);
    }

    [Fact]
    public async Task Firing_RecordsTheJobAndTheNextDueTime()
    {
        var ct = TestTimeout.Token(60);
        using var client = api.CreateClient();
        var (org, id, due) = await ScheduledWorkspaceAsync(client, new { cron = "0 15 3 ? * *", template = "plan" }, ct);
        var timer = Timer();

        // Three days late: one firing for the backlog, and the next one after "now".
        await timer.RunAsync(due.AddDays(3).AddMinutes(1), ct);

        var job = Assert.Single((await api.Services.GetRequiredService<JobStore>().ListAsync(org, "w", 50, null, ct)).Items);
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/workspaces/w/schedules/{id}", ct);
        Assert.Equal(job.Id, read.GetProperty("lastJobId").GetInt32());
        Assert.Equal(due, read.GetProperty("lastFiredAt").GetDateTimeOffset());
        Assert.Equal(due.AddDays(4), read.GetProperty("nextDueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Firing_LockedWorkspace_SkipsAndRecordsTheSkip()
    {
        var ct = TestTimeout.Token(60);
        using var client = api.CreateClient();
        var (org, id, due) = await ScheduledWorkspaceAsync(client, new { cron = "0 30 3 ? * *", template = "plan" }, ct);
        await new InfraAdmin(client).SendAsync(HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/w/lock", new { reason = "maintenance" }, ct);

        await Timer().RunAsync(due.AddSeconds(1), ct);

        Assert.Empty((await api.Services.GetRequiredService<JobStore>().ListAsync(org, "w", 50, null, ct)).Items);
        var schedule = (await api.Services.GetRequiredService<ScheduleStore>().GetAsync(org, "w", id, ct))!;
        Assert.Contains("locked", schedule.LastSkipReason, StringComparison.Ordinal);
        Assert.Contains("maintenance", schedule.LastSkipReason, StringComparison.Ordinal);
        Assert.Equal(due, schedule.LastFiredAt);
        Assert.Equal(due.AddDays(1), schedule.NextDueAt);
    }

    [Fact]
    public async Task DisabledSchedule_NeverFires()
    {
        var ct = TestTimeout.Token(60);
        using var client = api.CreateClient();
        var (org, id, _) = await ScheduledWorkspaceAsync(client, new { cron = "0 0/5 * ? * *", template = "plan", enabled = false }, ct);

        await Timer().RunAsync(DateTimeOffset.UtcNow.AddDays(30), ct);

        Assert.Empty((await api.Services.GetRequiredService<JobStore>().ListAsync(org, "w", 50, null, ct)).Items);
        var schedule = (await api.Services.GetRequiredService<ScheduleStore>().GetAsync(org, "w", id, ct))!;
        Assert.Null(schedule.NextDueAt);
        Assert.Null(schedule.LastFiredAt);
    }

    [Fact]
    public async Task DeletedSchedule_ItsIndexRowNeverFires()
    {
        var ct = TestTimeout.Token(60);
        using var client = api.CreateClient();
        var (org, id, due) = await ScheduledWorkspaceAsync(client, new { cron = "0 45 3 ? * *", template = "plan" }, ct);
        await client.DeleteAsync(new Uri($"/api/v1/organizations/{org}/workspaces/w/schedules/{id}", UriKind.Relative), ct);

        await Timer().RunAsync(due.AddSeconds(1), ct);

        Assert.Empty((await api.Services.GetRequiredService<JobStore>().ListAsync(org, "w", 50, null, ct)).Items);
    }

    private ScheduleTimerFunction Timer() => ActivatorUtilities.CreateInstance<ScheduleTimerFunction>(_scope.ServiceProvider);

    private static async Task<(string Org, string Id, DateTimeOffset Due)> ScheduledWorkspaceAsync(HttpClient client, object schedule, CancellationToken ct)
    {
        var infra = new InfraAdmin(client);
        var org = await infra.CreateOrganizationAsync(ct);
        await infra.CreateWorkspaceAsync(org, new { name = "w" }, ct);
        var created = await infra.SendAsync(HttpMethod.Post, $"/api/v1/organizations/{org}/workspaces/w/schedules", schedule, ct);
        var next = created.GetProperty("nextDueAt");
        return (org, created.GetProperty("id").GetString()!, next.ValueKind == JsonValueKind.Null ? default : next.GetDateTimeOffset());
    }
}
