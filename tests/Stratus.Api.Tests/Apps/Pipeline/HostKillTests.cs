using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Pipeline;

/// <summary>
/// The host dies (SIGKILL) in the middle of a deploy's build. Another host on the same data folder must finish or
/// fail the deploy cleanly, close its event and free the app: nothing may stay locked or "running".
/// </summary>
public sealed class HostKillTests
{
    [Fact]
    public async Task Deploy_HostKilledMidBuild_RestartedHostEndsTheEventAndReleasesTheLock()
    {
        if (LocalAppRuntime.Unavailable is { } reason)
        {
            Console.WriteLine($"SKIPPED (host kill): {reason}");
            return;
        }

        var ct = TestTimeout.Token(300);
        var registry = (await RegistryServer.Shared)!.Address;
        var platform = (await BusyboxPlatformImage.Shared)!;
        var data = Directory.CreateTempSubdirectory("stratus-kill-").FullName;
        var containers = Environment.GetEnvironmentVariable("STRATUS_TEST_CONTAINERS_DIR") is { Length: > 0 } shared ? shared : Path.Combine(data, "containers");
        var token = Stratus.Identity.Tokens.TokenSecrets.Create(Stratus.Identity.Tokens.TokenKind.Personal);
        var app = "killed-" + Guid.NewGuid().ToString("N")[..8];
        HostProcess? first = null;
        HostProcess? second = null;
        try
        {
            first = await HostProcess.StartAsync(data, containers, registry, token, ct);
            string eventId;
            using (var api = first.Client())
            {
                await SetUpAsync(api, app, registry, platform, ct);
                var dockerfile = $"""
                    FROM {platform}
                    RUN sleep 4 && mkdir -p /srv && echo survived-the-kill > /srv/index.html
                    CMD ["/bin/sh", "-c", "exec httpd -f -p $PORT -h /srv"]
                    """;
                using var form = new MultipartFormDataContent { { new StringContent(dockerfile), "dockerfile" } };
                using var deploy = await api.PostAsync($"/api/v1/apps/{app}/deploy", form, ct);
                Assert.Equal(HttpStatusCode.Accepted, deploy.StatusCode);
                eventId = (await deploy.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("eventId").GetString()!;
                await WaitForLogAsync(api, app, eventId, "Building version", ct);
            }

            first.Kill();
            second = await HostProcess.StartAsync(data, containers, registry, token, ct);
            using var recovered = second.Client();

            var ended = await WaitForEndAsync(recovered, app, eventId, ct);

            var status = ended.GetProperty("status").GetString();
            Assert.True(status is "succeeded" or "failed", $"event still {status}\n{second.Output}");
            using var restart = await recovered.PostAsync($"/api/v1/apps/{app}/restart", null, ct);
            Assert.True(restart.StatusCode == HttpStatusCode.Accepted, $"the app is still locked: {await restart.Content.ReadAsStringAsync(ct)}");
            if (status == "succeeded")
            {
                using var http = new HttpClient();
                using var request = new HttpRequestMessage(HttpMethod.Get, second.BaseAddress);
                request.Headers.Host = $"{app}.localhost:{second.Port}";
                using var page = await http.SendAsync(request, ct);
                Assert.Contains("survived-the-kill", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
            }

            var restartId = (await restart.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("eventId").GetString()!;
            await WaitForEndAsync(recovered, app, restartId, ct);
            using var remove = await recovered.DeleteAsync($"/api/v1/apps/{app}", ct);
            Assert.Equal(HttpStatusCode.Accepted, remove.StatusCode);
            await WaitForEndAsync(recovered, app, (await remove.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("eventId").GetString()!, ct);
        }
        finally
        {
            first?.Dispose();
            second?.Dispose();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // vfs layers under a private containers folder may be read-only; a leftover temp folder is harmless.
            }
        }
    }

    private static async Task SetUpAsync(HttpClient api, string app, string registry, string platform, CancellationToken ct)
    {
        await AppPipelineServer.SetUpLocalRuntimeAsync(api, registry, platform, ct);
        (await api.PostAsJsonAsync("/api/v1/apps", new { name = app, platform = "static", teamOwner = AppPipelineServer.Team }, ct)).EnsureSuccessStatusCode();
    }

    private static async Task WaitForLogAsync(HttpClient api, string app, string eventId, string text, CancellationToken ct)
    {
        while (!(await api.GetStringAsync($"/api/v1/apps/{app}/events/{eventId}/log", ct)).Contains(text, StringComparison.Ordinal))
        {
            await Task.Delay(100, ct);
        }

        // Into the build proper (buildah is running its RUN step) before the kill.
        await Task.Delay(1500, ct);
    }

    private static async Task<JsonElement> WaitForEndAsync(HttpClient api, string app, string eventId, CancellationToken ct)
    {
        while (true)
        {
            var found = await api.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/events/{eventId}", ct);
            if (found.GetProperty("status").GetString() != "running")
            {
                return found;
            }

            await Task.Delay(250, ct);
        }
    }
}
