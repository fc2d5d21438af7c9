using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Stratus.Api.Tests.Apps.Env;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Routing;

/// <summary><c>app info</c> of an app in a <c>tsuru-api</c> pool shows the address the router gives (<c>GET {api-url}/backend/{app}</c>).</summary>
public sealed class AppRouterAddressTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task GetApp_TsuruApiPool_AddressFromTheRouter()
    {
        var ct = TestTimeout.Token();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var router = builder.Build();
        var paths = new List<string>();
        router.MapGet("/api/backend/{name}", (string name, HttpContext context) =>
        {
            lock (paths)
            {
                paths.Add(context.Request.Path);
            }

            return Results.Json(new { address = $"{name}.router.test", addresses = new[] { $"{name}.router.test", $"{name}.alt.test" } });
        });
        await router.StartAsync(ct);
        var url = router.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/api";
        using var client = api.CreateClient();
        var app = await TestApps.CreateAsync(client, new { provisioner = "podman", router = "tsuru-api", routerOptions = new Dictionary<string, string> { ["api-url"] = url } }, ct);

        var info = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}", ct);

        Assert.Equal($"{app}.router.test", info.GetProperty("address").GetString());
        Assert.Equal([$"{app}.router.test", $"{app}.alt.test"], info.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal([$"/api/backend/{app}"], paths);
        await router.StopAsync(ct);
    }
}
