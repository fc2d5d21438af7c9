using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stratus.Api.Tests.Identity;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Plans;

public sealed class PlansApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task CreatePlan_QuantityMemory_StoresBytesAndShowsTheQuantity()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();

        using var response = await client.PostAsJsonAsync("/api/v1/plans", new { name, cpuMilli = 250, memory = "512Mi" }, ct);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{name}", ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/plans/{name}", response.Headers.Location?.OriginalString);
        Assert.Equal(536_870_912L, created.GetProperty("memory").GetInt64());
        Assert.Equal(250, read.GetProperty("cpuMilli").GetInt32());
        Assert.Equal(536_870_912L, read.GetProperty("memory").GetInt64());
        Assert.Equal("512Mi", read.GetProperty("memoryText").GetString());
        Assert.False(read.GetProperty("default").GetBoolean());
    }

    [Fact]
    public async Task CreatePlan_NumericMemoryAndNoCpu_StoresBytesWithoutCpuLimit()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();

        using var response = await client.PostAsJsonAsync("/api/v1/plans", new { name, memory = 1_073_741_824L }, ct);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, created.GetProperty("cpuMilli").GetInt32());
        Assert.Equal("1Gi", created.GetProperty("memoryText").GetString());
    }

    [Theory]
    [InlineData("""{"name": "Big Plan"}""", "plan name 'Big Plan' is not valid")]
    [InlineData("""{"cpuMilli": 100}""", "plan name is required")]
    [InlineData("""{"name": "p-bad", "cpuMilli": -5}""", "CPU must be 0 (no limit) or more millicores")]
    [InlineData("""{"name": "p-bad", "memory": "lots"}""", "memory 'lots' is not valid")]
    [InlineData("""{"name": "p-bad", "memory": -1}""", "memory -1 is not valid")]
    [InlineData("""{"name": "p-bad", "memory": true}""", "must be a number or a string")]
    [InlineData("""{"name": "p-bad", "cpu": 1}""", "property this endpoint does not know")]
    public async Task CreatePlan_InvalidBody_Returns400NamingTheProblem(string body, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/v1/plans", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var stored = await client.GetAsync(new Uri("/api/v1/plans/p-bad", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task CreatePlan_ExistingName_Returns409()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();
        await new IdentityAdmin(client).SendAsync(HttpMethod.Post, "/api/v1/plans", new { name, memory = "256Mi" }, ct);

        using var response = await client.PostAsJsonAsync("/api/v1/plans", new { name, memory = "1Gi" }, ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task CreatePlan_SecondDefault_TakesTheDefaultFromTheFirst()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var admin = new IdentityAdmin(client);
        var first = NewName();
        var second = NewName();

        await admin.SendAsync(HttpMethod.Post, "/api/v1/plans", new { name = first, @default = true }, ct);
        await admin.SendAsync(HttpMethod.Post, "/api/v1/plans", new { name = second, @default = true }, ct);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/plans", ct);

        var defaults = list.GetProperty("items").EnumerateArray().Where(p => p.GetProperty("default").GetBoolean()).Select(p => p.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(new[] { second }, defaults);
    }

    [Fact]
    public async Task UpdatePlan_SomeFields_ChangesThemAndKeepsTheRest()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();
        await new IdentityAdmin(client).SendAsync(HttpMethod.Post, "/api/v1/plans", new { name, cpuMilli = 100, memory = "128Mi" }, ct);

        using var response = await client.PutAsJsonAsync($"/api/v1/plans/{name}", new { memory = "1Gi" }, ct);
        var updated = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(100, updated.GetProperty("cpuMilli").GetInt32());
        Assert.Equal("1Gi", updated.GetProperty("memoryText").GetString());
    }

    [Fact]
    public async Task UpdatePlan_InvalidMemoryOrUnknown_Returns400Or404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();
        await new IdentityAdmin(client).SendAsync(HttpMethod.Post, "/api/v1/plans", new { name }, ct);

        using var invalid = await client.PutAsJsonAsync($"/api/v1/plans/{name}", new { memory = "12 apples" }, ct);
        using var renamed = await client.PutAsJsonAsync($"/api/v1/plans/{name}", new { name = "other" }, ct);
        using var unknown = await client.PutAsJsonAsync($"/api/v1/plans/{NewName()}", new { cpuMilli = 1 }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task DeletePlan_Existing_Returns204ThenGetReturns404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();
        await new IdentityAdmin(client).SendAsync(HttpMethod.Post, "/api/v1/plans", new { name }, ct);

        using var deleted = await client.DeleteAsync(new Uri($"/api/v1/plans/{name}", UriKind.Relative), ct);
        using var read = await client.GetAsync(new Uri($"/api/v1/plans/{name}", UriKind.Relative), ct);
        using var again = await client.DeleteAsync(new Uri($"/api/v1/plans/{name}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Plans_UserWithoutPermissions_ReadsButCannotChange()
    {
        var ct = TestTimeout.Token(120);
        using var adminClient = api.CreateClient();
        var admin = new IdentityAdmin(adminClient);
        var name = NewName();
        await admin.SendAsync(HttpMethod.Post, "/api/v1/plans", new { name, memory = "64Mi" }, ct);
        using var client = api.CreateClient(await admin.CreateUserWithTokenAsync(NewName("user"), ct));

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/plans", ct);
        using var read = await client.GetAsync(new Uri($"/api/v1/plans/{name}", UriKind.Relative), ct);
        using var create = await client.PostAsJsonAsync("/api/v1/plans", new { name = NewName() }, ct);
        using var update = await client.PutAsJsonAsync($"/api/v1/plans/{name}", new { cpuMilli = 1 }, ct);
        using var delete = await client.DeleteAsync(new Uri($"/api/v1/plans/{name}", UriKind.Relative), ct);

        Assert.Contains(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("name").GetString() == name);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    private static string NewName(string prefix = "plan") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)];
}
