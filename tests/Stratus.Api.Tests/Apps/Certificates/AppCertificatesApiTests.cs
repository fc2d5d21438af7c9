using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Tests.Apps.Env;
using Stratus.Apps.Certificates;
using Stratus.Storage;
using Stratus.Storage.Tables;
using Stratus.Testing;

namespace Stratus.Api.Tests.Apps.Certificates;

public sealed class AppCertificatesApiTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Fact]
    public async Task SetListUnsetCertificate_ListsSubjectAndExpiryNeverTheKey()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (app, host) = await AppWithCnameAsync(client, ct);
        var (certificate, key) = TestCertificates.Create(host);

        var set = await TestApps.RunAsync(client, Put(app, "certificate", new { cname = host, certificate, key }), ct);
        var listed = await client.GetStringAsync(new Uri($"/api/v1/apps/{app}/certificate", UriKind.Relative), ct);
        var stored = await api.Services.GetRequiredService<IStorageAccount>().Tables.GetTable("StratusApps").GetAsync($"app|{app}", $"c|{host}", ct);
        var unset = await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/apps/{app}/certificate?cname={host}"), ct);
        var afterUnset = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/certificate", ct);

        Assert.Equal("app.update.certificate", set.GetProperty("kind").GetString());
        Assert.Equal("succeeded", set.GetProperty("status").GetString());
        var entry = JsonDocument.Parse(listed).RootElement.EnumerateArray().Single();
        Assert.Equal(host, entry.GetProperty("cname").GetString());
        Assert.Equal($"CN={host}", entry.GetProperty("subject").GetString());
        Assert.True(entry.GetProperty("notAfter").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(80));
        Assert.DoesNotContain("PRIVATE KEY", listed, StringComparison.Ordinal);
        Assert.StartsWith("sv1:", stored!.GetString("Key"), StringComparison.Ordinal);
        Assert.Equal("succeeded", unset.GetProperty("status").GetString());
        Assert.Equal(0, afterUnset.GetArrayLength());
    }

    [Fact]
    public async Task SetUnsetCertIssuer_ListedAsTheIssuer()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (app, host) = await AppWithCnameAsync(client, ct);

        await TestApps.RunAsync(client, Put(app, "certissuer", new { cname = host, issuer = "letsencrypt-prod" }), ct);
        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/certificate", ct);
        using var unsetCertificate = await client.DeleteAsync(new Uri($"/api/v1/apps/{app}/certificate?cname={host}", UriKind.Relative), ct);
        await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/apps/{app}/certissuer?cname={host}"), ct);
        var afterUnset = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/certificate", ct);

        Assert.Equal("letsencrypt-prod", listed[0].GetProperty("certIssuer").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unsetCertificate.StatusCode);
        Assert.Equal(0, afterUnset.GetArrayLength());
    }

    [Theory]
    [InlineData("bad-pem", "'certificate' is not a PEM X.509 certificate")]
    [InlineData("other-key", "'key' is not a PEM private key that matches the certificate")]
    [InlineData("garbage-key", "'key' is not a PEM private key that matches the certificate")]
    [InlineData("not-covered", "does not cover")]
    [InlineData("unknown-cname", "'cname': app '")]
    [InlineData("missing-key", "Send both 'certificate' and 'key'")]
    public async Task SetCertificate_Invalid_Returns400NamingTheFieldAndStoresNothing(string @case, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (app, host) = await AppWithCnameAsync(client, ct);
        var (certificate, key) = TestCertificates.Create(host);
        var other = TestCertificates.Create("other.example.org");
        object body = @case switch
        {
            "bad-pem" => new { cname = host, certificate = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", key },
            "other-key" => new { cname = host, certificate, key = TestCertificates.Create(host).Key },
            "garbage-key" => new { cname = host, certificate, key = "not a key" },
            "not-covered" => new { cname = host, certificate = other.Certificate, key = other.Key },
            "unknown-cname" => new { cname = "absent.example.com", certificate, key },
            _ => new { cname = host, certificate },
        };

        using var response = await client.PutAsJsonAsync($"/api/v1/apps/{app}/certificate", body, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/certificate", ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, listed.GetArrayLength());
    }

    [Fact]
    public async Task SetCertIssuer_InvalidIssuerName_Returns400()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (app, host) = await AppWithCnameAsync(client, ct);

        using var response = await client.PutAsJsonAsync($"/api/v1/apps/{app}/certissuer", new { cname = host, issuer = "Not_An_Issuer" }, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'issuer' must name a cert-manager ClusterIssuer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveCname_WithCertificate_CertificateGoesWithIt()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (app, host) = await AppWithCnameAsync(client, ct);
        var (certificate, key) = TestCertificates.Create(host);
        await TestApps.RunAsync(client, Put(app, "certificate", new { cname = host, certificate, key }), ct);

        await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/apps/{app}/cname?cname={host}"), ct);
        await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Post, $"/api/v1/apps/{app}/cname") { Content = JsonContent.Create(new { cname = new[] { host } }) }, ct);
        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/apps/{app}/certificate", ct);

        Assert.Equal(0, listed.GetArrayLength());
    }

    [Fact]
    public async Task GetForRouteAsync_SetThenUnset_KeyDecryptedThenRemovedUntilForgotten()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var (app, host) = await AppWithCnameAsync(client, ct);
        var (certificate, key) = TestCertificates.Create(host);
        var store = api.Services.GetRequiredService<AppCertificateStore>();
        await TestApps.RunAsync(client, Put(app, "certificate", new { cname = host, certificate, key }), ct);

        var set = await store.GetForRouteAsync(app, [host], ct);
        await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/apps/{app}/certificate?cname={host}"), ct);
        var unset = await store.GetForRouteAsync(app, [host], ct);
        await store.ForgetRemovedAsync(app, unset.Removed, ct);
        var forgotten = await store.GetForRouteAsync(app, [host], ct);

        Assert.Equal(key, set.Certificates[host].Key);
        Assert.Empty(unset.Certificates);
        Assert.Equal([host], unset.Removed);
        Assert.Empty(forgotten.Removed);
    }

    private static async Task<(string App, string Host)> AppWithCnameAsync(HttpClient client, CancellationToken ct)
    {
        var app = await TestApps.CreateAsync(client, ct);
        var host = $"{app}.example.com";
        await TestApps.RunAsync(client, new HttpRequestMessage(HttpMethod.Post, $"/api/v1/apps/{app}/cname") { Content = JsonContent.Create(new { cname = new[] { host } }) }, ct);
        return (app, host);
    }

    private static HttpRequestMessage Put(string app, string resource, object body) => new(HttpMethod.Put, $"/api/v1/apps/{app}/{resource}") { Content = JsonContent.Create(body) };
}
