using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Schedules;

public sealed class SchedulesApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task Schedule_CreateReadUpdateDelete_KeepsNextDueInStep()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (infra, path) = await WorkspaceAsync(client, ct);

        var created = await infra.SendAsync(HttpMethod.Post, path, new { cron = "0 0 3 ? * *", template = "plan", description = "nightly" }, ct);
        var id = created.GetProperty("id").GetString()!;
        var read = await client.GetFromJsonAsync<JsonElement>($"{path}/{id}", ct);
        var list = await client.GetFromJsonAsync<JsonElement>(path, ct);
        var disabled = await infra.SendAsync(HttpMethod.Patch, $"{path}/{id}", new { enabled = false }, ct);
        var recron = await infra.SendAsync(HttpMethod.Patch, $"{path}/{id}", new { enabled = true, cron = "0 30 4 ? * MON-FRI" }, ct);
        using var deleted = await client.DeleteAsync(new Uri($"{path}/{id}", UriKind.Relative), ct);
        using var gone = await client.GetAsync(new Uri($"{path}/{id}", UriKind.Relative), ct);

        Assert.StartsWith("sch-", id, StringComparison.Ordinal);
        Assert.True(read.GetProperty("enabled").GetBoolean());
        Assert.Equal("plan", read.GetProperty("template").GetString());
        var next = read.GetProperty("nextDueAt").GetDateTimeOffset();
        Assert.Equal(new TimeSpan(3, 0, 0), next.UtcDateTime.TimeOfDay);
        Assert.True(next > DateTimeOffset.UtcNow);
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, disabled.GetProperty("nextDueAt").ValueKind);
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Equal(new TimeSpan(4, 30, 0), recron.GetProperty("nextDueAt").GetDateTimeOffset().UtcDateTime.TimeOfDay);
        Assert.Equal("nightly", recron.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("{\"cron\": \"0 0 * * *\", \"template\": \"plan\"}", "not 6 or 7")]
    [InlineData("{\"cron\": \"0 0 0 ? * ?\", \"template\": \"plan\"}", "both '?'")]
    [InlineData("{\"cron\": \"0 0 0 * * MON\", \"template\": \"plan\"}", "both set")]
    [InlineData("{\"template\": \"plan\"}", "cron is required")]
    [InlineData("{}", "cron is required")]
    [InlineData("{\"cron\": \"0 0 3 ? * *\"}", "template is required")]
    [InlineData("{\"cron\": \"0 0 3 ? * *\", \"template\": \"no-such-template\"}", "no template 'no-such-template'")]
    [InlineData("{\"cron\": \"0 0 3 ? * *\", \"template\": \"plan\", \"surprise\": 1}", "$.surprise")]
    public async Task CreateSchedule_InvalidRequest_Returns400ExplainingAndWritesNothing(string json, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (_, path) = await WorkspaceAsync(client, ct);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var list = await client.GetFromJsonAsync<JsonElement>(path, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task CreateSchedule_FiveFieldCron_DetailExplainsTheQuartzFormat()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (_, path) = await WorkspaceAsync(client, ct);

        using var response = await client.PostAsJsonAsync(path, new { cron = "*/5 * * * *", template = "plan" }, ct);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("detail").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("6 or 7", detail, StringComparison.Ordinal);
        Assert.Contains("day-of-week", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedules_UnknownWorkspaceOrSchedule_Return404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (infra, path) = await WorkspaceAsync(client, ct);
        var org = path.Split('/')[4];

        using var noWorkspace = await client.PostAsJsonAsync($"/api/v1/organizations/{org}/workspaces/nope/schedules", new { cron = "0 0 3 ? * *", template = "plan" }, ct);
        using var noSchedule = await client.GetAsync(new Uri($"{path}/sch-0000", UriKind.Relative), ct);
        using var patchNone = await client.PatchAsJsonAsync($"{path}/sch-0000", new { enabled = false }, ct);
        using var deleteNone = await client.DeleteAsync(new Uri($"{path}/sch-0000", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NotFound, noWorkspace.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noSchedule.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patchNone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleteNone.StatusCode);
        Assert.NotNull(infra);
    }

    [Fact]
    public async Task UpdateSchedule_InvalidCronOrTemplate_Returns400AndKeepsTheSchedule()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (infra, path) = await WorkspaceAsync(client, ct);
        var id = (await infra.SendAsync(HttpMethod.Post, path, new { cron = "0 0 3 ? * *", template = "plan" }, ct)).GetProperty("id").GetString();

        using var badCron = await client.PatchAsJsonAsync($"{path}/{id}", new { cron = "0 0 3 ? * ?" }, ct);
        using var badTemplate = await client.PatchAsJsonAsync($"{path}/{id}", new { template = "missing" }, ct);
        var read = await client.GetFromJsonAsync<JsonElement>($"{path}/{id}", ct);

        Assert.Equal(HttpStatusCode.BadRequest, badCron.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badTemplate.StatusCode);
        Assert.Equal("0 0 3 ? * *", read.GetProperty("cron").GetString());
        Assert.Equal("plan", read.GetProperty("template").GetString());
    }

    private static async Task<(InfraAdmin Infra, string Path)> WorkspaceAsync(HttpClient client, CancellationToken ct)
    {
        var infra = new InfraAdmin(client);
        var org = await infra.CreateOrganizationAsync(ct);
        await infra.CreateWorkspaceAsync(org, new { name = "w" }, ct);
        return (infra, $"/api/v1/organizations/{org}/workspaces/w/schedules");
    }
}
