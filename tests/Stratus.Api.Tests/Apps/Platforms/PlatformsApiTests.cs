using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Stratus.Api.Tests.Identity;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Platforms;

public sealed class PlatformsApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    private const string Image = "127.0.0.1:5000/platforms/static:latest";

    [Fact]
    public async Task CreatePlatform_NameAndImage_Returns201AndIsListed()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();

        using var response = await client.PostAsJsonAsync("/api/v1/platforms", new { name, image = Image }, ct);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/platforms", ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/platforms/{name}", response.Headers.Location?.OriginalString);
        Assert.Equal(Image, created.GetProperty("image").GetString());
        Assert.False(created.GetProperty("disabled").GetBoolean());
        Assert.Contains(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("name").GetString() == name);
    }

    [Theory]
    [InlineData("""{"name": "static-bad"}""", "needs a base image reference")]
    [InlineData("""{"name": "static-bad", "image": "has spaces:1"}""", "needs a base image reference without spaces")]
    [InlineData("""{"name": "Static", "image": "r/p:1"}""", "platform name 'Static' is not valid")]
    [InlineData("""{"image": "r/p:1"}""", "platform name is required")]
    [InlineData("""{"name": "static-bad", "image": "r/p:1", "tag": "x"}""", "property this endpoint does not know")]
    public async Task CreatePlatform_InvalidBody_Returns400NamingTheProblem(string body, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/v1/platforms", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var stored = await client.GetAsync(new Uri("/api/v1/platforms/static-bad", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task CreatePlatform_ExistingName_Returns409()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();
        await new IdentityAdmin(client).SendAsync(HttpMethod.Post, "/api/v1/platforms", new { name, image = Image }, ct);

        using var response = await client.PostAsJsonAsync("/api/v1/platforms", new { name, image = Image }, ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task UpdatePlatform_ImageThenDisabled_ChangesOnlyWhatIsGiven()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();
        await new IdentityAdmin(client).SendAsync(HttpMethod.Post, "/api/v1/platforms", new { name, image = Image }, ct);

        using var image = await client.PutAsJsonAsync($"/api/v1/platforms/{name}", new { image = "127.0.0.1:5000/platforms/static:v2" }, ct);
        using var disabled = await client.PutAsJsonAsync($"/api/v1/platforms/{name}", new { disabled = true }, ct);
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{name}", ct);

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal("127.0.0.1:5000/platforms/static:v2", read.GetProperty("image").GetString());
        Assert.True(read.GetProperty("disabled").GetBoolean());
    }

    [Fact]
    public async Task UpdatePlatform_BlankImageOrUnknown_Returns400Or404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();
        await new IdentityAdmin(client).SendAsync(HttpMethod.Post, "/api/v1/platforms", new { name, image = Image }, ct);

        using var blank = await client.PutAsJsonAsync($"/api/v1/platforms/{name}", new { image = " " }, ct);
        var problem = await blank.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var unknown = await client.PutAsJsonAsync($"/api/v1/platforms/{NewName()}", new { disabled = true }, ct);
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{name}", ct);

        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("base image reference", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(Image, read.GetProperty("image").GetString());
    }

    [Fact]
    public async Task DeletePlatform_Existing_Returns204ThenGetReturns404()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var name = NewName();
        await new IdentityAdmin(client).SendAsync(HttpMethod.Post, "/api/v1/platforms", new { name, image = Image }, ct);

        using var deleted = await client.DeleteAsync(new Uri($"/api/v1/platforms/{name}", UriKind.Relative), ct);
        using var read = await client.GetAsync(new Uri($"/api/v1/platforms/{name}", UriKind.Relative), ct);
        using var again = await client.DeleteAsync(new Uri($"/api/v1/platforms/{name}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Platforms_UserWithoutPermissions_ReadsButCannotChange()
    {
        var ct = TestTimeout.Token(120);
        using var adminClient = api.CreateClient();
        var admin = new IdentityAdmin(adminClient);
        var name = NewName();
        await admin.SendAsync(HttpMethod.Post, "/api/v1/platforms", new { name, image = Image }, ct);
        using var client = api.CreateClient(await admin.CreateUserWithTokenAsync(NewName("user"), ct));

        using var read = await client.GetAsync(new Uri($"/api/v1/platforms/{name}", UriKind.Relative), ct);
        using var list = await client.GetAsync(new Uri("/api/v1/platforms", UriKind.Relative), ct);
        using var create = await client.PostAsJsonAsync("/api/v1/platforms", new { name = NewName(), image = Image }, ct);
        using var update = await client.PutAsJsonAsync($"/api/v1/platforms/{name}", new { disabled = true }, ct);
        using var delete = await client.DeleteAsync(new Uri($"/api/v1/platforms/{name}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    private static string NewName(string prefix = "plat") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 11)];
}
