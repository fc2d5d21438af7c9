using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Apps.Deploys;
using Stratus.Apps.Events;
using Stratus.Apps.Locks;
using Stratus.Orchestrations.Apps;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Pipeline;

/// <summary>
/// The deploy pipeline end to end on the real registry, buildah and podman, through the API and the local router:
/// the README's walkthrough, redeploys, crashes, rollback and the app lock under concurrent deploys.
/// </summary>
public sealed class AppPipelineTests(AppPipelineServer server) : IClassFixture<AppPipelineServer>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Deploy_StaticSiteArchive_ServesThePageThroughTheLocalRouter()
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(180);
        var app = await server.CreateAppAsync("site", ct);

        var ended = await server.DeployAndWaitAsync(app, Site("<h1>hello v1</h1>"), ct);

        Assert.True(ended.Status == EventStatus.Succeeded, $"{ended.Error}\n{await server.LogOfAsync(ended.Id, ct)}");
        var (status, body) = await server.GetThroughRouterAsync(app, "/", ct);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("hello v1", body, StringComparison.Ordinal);
        var deploy = await server.Services.GetRequiredService<DeployStore>().GetAsync(ended.Id, ct);
        Assert.NotNull(deploy);
        Assert.Equal(1, deploy.Version);
        Assert.True(deploy.CanRollback);
        Assert.EndsWith($"/stratus/app-{app}:v1", deploy.Image, StringComparison.Ordinal);
        Assert.Null(await server.Services.GetRequiredService<AppLockStore>().GetAsync(app, ct));
    }

    [Fact]
    public async Task Deploy_TwoProcessesWithOwnPortsAndChecks_ProbesEachAndRoutesEveryPort()
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(240);
        var app = await server.CreateAppAsync("procs", ct);
        const string yaml = """
            healthcheck:
              path: /never-there.html
            processes:
              - name: web
                healthcheck:
                  path: /healthz.html
                  headers:
                    X-Probe: web
                ports:
                  - name: site
                    port: 80
                    target_port: 8080
              - name: api
                command: httpd -p $PORT -h /home/application/current/api && exec httpd -f -p ${PORT_api##*,} -h /home/application/current/admin
                healthcheck:
                  path: /ready.html
                startupcheck:
                  command: test -f /home/application/current/api/ready.html
                ports:
                  - name: main
                    port: 8081
                  - name: admin
                    port: 8082
            """;

        // web's command comes from the Procfile, api's from tsuru.yaml (which wins); the app-wide healthcheck, whose
        // page does not exist, must not apply: with processes listed each uses its own.
        var ended = await server.DeployAndWaitAsync(app, new Dictionary<string, string>
        {
            ["tsuru.yaml"] = yaml,
            ["Procfile"] = "web: httpd -f -p $PORT -h /home/application/current\napi: false\n",
            ["index.html"] = "<p>web root</p>",
            ["healthz.html"] = "ok",
            ["api/index.html"] = "<p>api main</p>",
            ["api/ready.html"] = "ok",
            ["admin/index.html"] = "<p>api admin</p>",
        }, ct);

        var log = await server.LogOfAsync(ended.Id, ct);
        Assert.True(ended.Status == EventStatus.Succeeded, $"{ended.Error}\n{log}");
        Assert.Contains("Procfile: process 'api' ignored: tsuru.yaml gives its command", log, StringComparison.Ordinal);
        Assert.Contains("(GET /healthz.html)", log, StringComparison.Ordinal);
        Assert.Matches(@"unit procs-\w+-api-v1-\w+-0 has started \(exec .*test -f /home/application/current/api/ready.html", log);
        foreach (var (host, page) in new[]
        {
            (app, "web root"),
            ($"web.process.{app}", "web root"),
            ($"site.port.web.process.{app}", "web root"),
            ($"api.process.{app}", "api main"),
            ($"main.port.api.process.{app}", "api main"),
            ($"admin.port.api.process.{app}", "api admin"),
            ($"v1.version.admin.port.api.process.{app}", "api admin"),
        })
        {
            var (status, body) = await server.GetThroughRouterAsync(host, "/", ct);
            Assert.True(status == HttpStatusCode.OK && body.Contains(page, StringComparison.Ordinal), $"{host}: {(int)status} {body}");
        }
    }

    [Fact]
    public async Task Redeploy_NewHtml_ServesTheNewPageAndPushesOnlyTheAppLayer()
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(240);
        var app = await server.CreateAppAsync("redeploy", ct);
        var dependency = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(512 * 1024));
        var first = await server.DeployAndWaitAsync(app, new Dictionary<string, string> { ["index.html"] = "<p>first</p>", ["vendor/big.js"] = dependency }, ct);
        Assert.Equal(EventStatus.Succeeded, first.Status);
        Assert.Equal(3, JsonSerializer.Deserialize<DeployBuildData>(first.CustomData!, Json)!.BlobsUploaded);

        var second = await server.DeployAndWaitAsync(app, new Dictionary<string, string> { ["index.html"] = "<p>second</p>", ["vendor/big.js"] = dependency }, ct);

        Assert.True(second.Status == EventStatus.Succeeded, second.Error);
        Assert.Contains("second", (await server.GetThroughRouterAsync(app, "/", ct)).Body, StringComparison.Ordinal);
        var pushed = JsonSerializer.Deserialize<DeployBuildData>(second.CustomData!, Json)!;
        Assert.Equal(2, pushed.BlobsUploaded); // the app layer and the image config; the platform's and the dependencies' layers were there already
        // Already in the repository (skipped) or mounted from another repository of the registry: either way no bytes
        // move; which one depends on the pusher's blob-location cache, which other apps' pushes also fill.
        Assert.True(pushed.BlobsSkipped + pushed.BlobsMounted >= 2, $"the base and dependency layers should have been skipped or mounted: {second.CustomData}");
        Assert.True(pushed.BytesUploaded < 64 * 1024, $"only the small app layer should go up, not the 700 KB dependency: {second.CustomData}");
    }

    [Fact]
    public async Task Deploy_CrashingProcess_FailsWithItsLogsAndThePreviousVersionKeepsServing()
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(240);
        var app = await server.CreateAppAsync("crash", ct);
        Assert.Equal(EventStatus.Succeeded, (await server.DeployAndWaitAsync(app, Site("<p>stable</p>"), ct)).Status);

        var crashed = await server.DeployAndWaitAsync(app, new Dictionary<string, string>
        {
            ["index.html"] = "<p>broken</p>",
            ["Procfile"] = "web: echo boom-from-the-app; exit 3\n",
        }, ct);

        Assert.Equal(EventStatus.Failed, crashed.Status);
        Assert.Contains("boom-from-the-app", crashed.Error, StringComparison.Ordinal);
        Assert.Contains("boom-from-the-app", await server.LogOfAsync(crashed.Id, ct), StringComparison.Ordinal);
        Assert.Contains("stable", (await server.GetThroughRouterAsync(app, "/", ct)).Body, StringComparison.Ordinal);
        using var admin = server.Client();
        var info = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}", ct);
        Assert.Equal(1, info.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Rollback_ToTheFirstVersion_ServesTheOldPageWithoutABuild()
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(240);
        var app = await server.CreateAppAsync("rollback", ct);
        Assert.Equal(EventStatus.Succeeded, (await server.DeployAndWaitAsync(app, Site("<p>old page</p>"), ct)).Status);
        Assert.Equal(EventStatus.Succeeded, (await server.DeployAndWaitAsync(app, Site("<p>new page</p>"), ct)).Status);
        using var admin = server.Client();

        using var response = await admin.PostAsJsonAsync($"/api/v1/apps/{app}/deploy/rollback", new { version = 1 }, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = (await response.Content.ReadFromJsonAsync<AppPipelineServer.StartedOperation>(ct))!;
        var ended = await server.WaitForEventAsync(started.EventId, ct);
        Assert.True(ended.Status == EventStatus.Succeeded, ended.Error);
        Assert.Contains("old page", (await server.GetThroughRouterAsync(app, "/", ct)).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Building version", await server.LogOfAsync(ended.Id, ct), StringComparison.Ordinal);
        var deploy = await server.Services.GetRequiredService<DeployStore>().GetAsync(ended.Id, ct);
        Assert.Equal(DeployOrigins.Rollback, deploy!.Origin);
        Assert.Equal(1, deploy.Version);
    }

    [Fact]
    public async Task Rollback_DisabledVersion_IsRefusedWithTheReason()
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(180);
        var app = await server.CreateAppAsync("disabled", ct);
        Assert.Equal(EventStatus.Succeeded, (await server.DeployAndWaitAsync(app, Site("<p>1</p>"), ct)).Status);
        Assert.Equal(EventStatus.Succeeded, (await server.DeployAndWaitAsync(app, Site("<p>2</p>"), ct)).Status);
        using var admin = server.Client();
        using var disable = await admin.PutAsJsonAsync($"/api/v1/apps/{app}/deploy/rollback/update", new { version = 1, disable = true, reason = "leaks memory" }, ct);
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);

        using var response = await admin.PostAsJsonAsync($"/api/v1/apps/{app}/deploy/rollback", new { version = 1 }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("leaks memory", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_TenAtOnce_RunOneAtATimeAndEveryEventEnds()
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(480);
        var app = await server.CreateAppAsync("ten", ct);

        var responses = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => server.DeployFilesAsync(app, Site($"<p>deploy {i}</p>"), ct, wait: 300)));

        var ids = new List<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<AppPipelineServer.StartedOperation>(ct))!.EventId);
            response.Dispose();
        }

        var ended = new List<AppEvent>();
        foreach (var id in ids)
        {
            ended.Add(await server.WaitForEventAsync(id, ct));
        }

        Assert.All(ended, e => Assert.True(e.Status == EventStatus.Succeeded, e.Error));
        var ordered = ended.OrderBy(e => e.StartedAt).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].StartedAt >= ordered[i - 1].EndedAt, $"deploy {ordered[i].Id} started before {ordered[i - 1].Id} ended");
        }

        Assert.Null(await server.Services.GetRequiredService<AppLockStore>().GetAsync(app, ct));
        Assert.Contains("<p>deploy", (await server.GetThroughRouterAsync(app, "/", ct)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_WhileAnotherRuns_Answers409NamingTheHoldersEvent()
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(180);
        var app = await server.CreateAppAsync("busy", ct);
        using var first = await server.DeployFilesAsync(app, Site("<p>1</p>"), ct);
        var firstId = (await first.Content.ReadFromJsonAsync<AppPipelineServer.StartedOperation>(ct))!.EventId;

        using var second = await server.DeployFilesAsync(app, Site("<p>2</p>"), ct);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(firstId, problem.GetProperty("event").GetString());
        Assert.Contains($"app({app}) running app.deploy", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await server.WaitForEventAsync(firstId, ct);
    }

    [Fact]
    public async Task Deploy_Dockerfile_BuildsWithBuildahAndServes()
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(240);
        var app = await server.CreateAppAsync("docker", ct);
        var dockerfile = $"""
            FROM {await BusyboxPlatformImage.Shared}
            RUN mkdir -p /srv && echo built-by-buildah > /srv/index.html
            CMD ["/bin/sh", "-c", "exec httpd -f -p $PORT -h /srv"]
            """;
        using var admin = server.Client();
        using var form = new MultipartFormDataContent { { new StringContent(dockerfile), "dockerfile" } };

        using var response = await admin.PostAsync($"/api/v1/apps/{app}/deploy", form, ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<AppPipelineServer.StartedOperation>(ct))!.EventId;
        var ended = await server.WaitForEventAsync(id, ct);
        Assert.True(ended.Status == EventStatus.Succeeded, $"{ended.Error}\n{await server.LogOfAsync(id, ct)}");
        Assert.Contains("built-by-buildah", (await server.GetThroughRouterAsync(app, "/", ct)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_DuringTheBuild_StopsBuildahAndTheEventEndsCanceled()
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(180);
        var app = await server.CreateAppAsync("cancel", ct);
        var dockerfile = $"""
            FROM {await BusyboxPlatformImage.Shared}
            RUN sleep 60
            """;
        using var admin = server.Client();
        using var form = new MultipartFormDataContent { { new StringContent(dockerfile), "dockerfile" } };
        using var response = await admin.PostAsync($"/api/v1/apps/{app}/deploy", form, ct);
        var id = (await response.Content.ReadFromJsonAsync<AppPipelineServer.StartedOperation>(ct))!.EventId;
        await Poll.UntilAsync(async () => (await server.LogOfAsync(id, ct)).Contains("sleep 60", StringComparison.Ordinal), "the build runs sleep 60", ct);

        var asked = DateTimeOffset.UtcNow;
        using var cancel = await admin.PostAsJsonAsync($"/api/v1/apps/{app}/events/{id}/cancel", new { reason = "wrong branch" }, ct);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var ended = await server.WaitForEventAsync(id, ct);
        Assert.Equal(EventStatus.Canceled, ended.Status);
        Assert.True(ended.EndedAt - asked < TimeSpan.FromSeconds(30), $"the 60 s build was not stopped: ended {ended.EndedAt}, asked {asked}");
        Assert.True(ended.CancelInfo.Acknowledged);
        Assert.Null(await server.Services.GetRequiredService<AppLockStore>().GetAsync(app, ct));
    }

    [Theory]
    [InlineData("../escape.html")]
    [InlineData("/etc/passwd")]
    public async Task Deploy_HostileArchive_IsRefusedBeforeAnythingStarts(string path)
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(60);
        var app = await server.CreateAppAsync("hostile", ct);

        using var response = await server.DeployFilesAsync(app, new Dictionary<string, string> { [path] = "x" }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Empty(await server.Services.GetRequiredService<AppEventStore>().ListAsync(new AppEventFilter { Target = EventTarget.App(app) }, ct));
        Assert.Null(await server.Services.GetRequiredService<AppLockStore>().GetAsync(app, ct));
    }

    [Fact]
    public async Task GetThroughRouter_UnknownApp_Is404Problem()
    {
        if (Skip())
        {
            return;
        }

        var ct = TestTimeout.Token(30);

        var (status, body) = await server.GetThroughRouterAsync("no-such-app", "/", ct);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("no-such-app", body, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Site(string html) => new() { ["index.html"] = html };

    private bool Skip()
    {
        if (server.Unavailable is { } reason)
        {
            Console.WriteLine($"SKIPPED (app pipeline): {reason}");
            return true;
        }

        return false;
    }
}
