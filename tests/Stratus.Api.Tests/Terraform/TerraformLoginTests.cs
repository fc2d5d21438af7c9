using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Stratus.Api.Tests.Identity;
using Stratus.Testing;
using Stratus.Testing.Terraform;

namespace Stratus.Api.Tests.Terraform;

/// <summary>
/// The real <c>terraform login</c> against Stratus over HTTPS on its local CA. The test is the browser: it reads the URL
/// terraform prints, signs in on the page, and follows the redirect to terraform's loopback listener.
/// </summary>
public sealed partial class TerraformLoginTests(TerraformLoginTests.Server server) : IClassFixture<TerraformLoginTests.Server>
{
    [TerraformFact]
    public async Task Login_SignInOnThePage_StoresATokenThatActsAsTheUser()
    {
        var ct = TestTimeout.Token(180);
        var user = $"tf-{Guid.NewGuid():N}"[..16];
        using (var admin = server.Client(server.AdminToken))
        {
            await new IdentityAdmin(admin).SendAsync(HttpMethod.Post, "/api/v1/users", new { name = user, password = LoginApiTests.Password }, ct);
        }

        var folder = Directory.CreateTempSubdirectory("stratus-tflogin-").FullName;
        using var terraform = server.Terraform(folder, token: null);
        using var run = terraform.Start(["login", StratusHttpsServer.Hostname], stdin: "yes\n");
        await Poll.UntilAsync(() => AuthorizeUrl().IsMatch(run.Output) || run.HasExited, "terraform login prints its sign-in URL", ct);
        var url = AuthorizeUrl().Match(run.Output) is { Success: true } found ? found.Value : throw new InvalidOperationException($"terraform printed no sign-in URL:\n{run.Output}\n{run.Error}");

        using var browser = server.Client(token: null);
        using var page = await browser.GetAsync(new Uri(url), ct);
        var form = Hidden().Matches(await page.Content.ReadAsStringAsync(ct)).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        form["name"] = user;
        form["password"] = LoginApiTests.Password;
        using var signedIn = await browser.PostAsync("/api/oauth/authorize", new FormUrlEncodedContent(form), ct);
        using var listener = new HttpClient();
        using var back = await listener.GetAsync(signedIn.Headers.Location, ct);
        var result = await run.WaitAsync(ct);
        Assert.True(result.Succeeded, result.ToString());

        var credentials = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(terraform.Environment["HOME"], ".terraform.d", "credentials.tfrc.json"), ct));
        var token = credentials.RootElement.GetProperty("credentials").GetProperty(StratusHttpsServer.Hostname).GetProperty("token").GetString();
        using var asUser = server.Client(token);
        var me = await asUser.GetFromJsonAsync<JsonElement>("/api/v1/whoami", ct);
        Directory.Delete(folder, recursive: true);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal($"user:{user}", me.GetProperty("principal").GetString());
    }

    [GeneratedRegex(@"https://127\.0\.0\.1:\d+/api/oauth/authorize\?\S+")]
    private static partial Regex AuthorizeUrl();

    [GeneratedRegex("<input type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\">")]
    private static partial Regex Hidden();

    public sealed class Server : StratusHttpsServer;
}
