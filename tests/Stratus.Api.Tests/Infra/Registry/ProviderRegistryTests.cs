using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Stratus.Testing;

namespace Stratus.Api.Tests.Infra.Registry;

/// <summary>The provider registry protocol and its management API, in process: publish, discover, download, verify.</summary>
public sealed class ProviderRegistryTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    private const string Protocol = "/api/registry/providers/v1";

    [Fact]
    public async Task PublishVersion_TwoPlatforms_ServesVersionsAndSignedDownloadsThatGpgVerifies()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        using var anonymous = api.CreateClient(token: null);
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        var linux = ProviderZips.Package("demo", "1.2.0");
        var darwin = ProviderZips.Package("demo", "1.2.0", ("README.md", "darwin build"));

        using var form = ProviderZips.Form([("terraform-provider-demo_1.2.0_linux_amd64.zip", linux), ("terraform-provider-demo_1.2.0_darwin_arm64.zip", darwin)], "5.0,6.0");
        using var published = await client.PostAsync($"/api/v1/organizations/{org}/providers/demo/versions", form, ct);
        var versions = await client.GetFromJsonAsync<JsonElement>($"{Protocol}/{org}/demo/versions", ct);
        var download = await client.GetFromJsonAsync<JsonElement>($"{Protocol}/{org}/demo/1.2.0/download/linux/amd64", ct);
        var zip = await anonymous.GetByteArrayAsync(new Uri(download.GetProperty("download_url").GetString()!), ct);
        var shasums = await anonymous.GetByteArrayAsync(new Uri(download.GetProperty("shasums_url").GetString()!), ct);
        var signature = await anonymous.GetByteArrayAsync(new Uri(download.GetProperty("shasums_signature_url").GetString()!), ct);
        var key = download.GetProperty("signing_keys").GetProperty("gpg_public_keys")[0];
        var verified = await Gpg.VerifyAsync(key.GetProperty("ascii_armor").GetString()!, shasums, signature, ct);
        var served = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organizations/{org}/provider-signing-key", ct);

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var version = Assert.Single(versions.GetProperty("versions").EnumerateArray());
        Assert.Equal("1.2.0", version.GetProperty("version").GetString());
        Assert.Equal(["5.0", "6.0"], version.GetProperty("protocols").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["darwin/arm64", "linux/amd64"], version.GetProperty("platforms").EnumerateArray().Select(p => $"{p.GetProperty("os").GetString()}/{p.GetProperty("arch").GetString()}").Order(StringComparer.Ordinal));
        Assert.Equal("terraform-provider-demo_1.2.0_linux_amd64.zip", download.GetProperty("filename").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(linux)), download.GetProperty("shasum").GetString());
        Assert.Equal(linux, zip);
        Assert.Equal(
            $"{Convert.ToHexStringLower(SHA256.HashData(darwin))}  terraform-provider-demo_1.2.0_darwin_arm64.zip\n{Convert.ToHexStringLower(SHA256.HashData(linux))}  terraform-provider-demo_1.2.0_linux_amd64.zip\n",
            Encoding.ASCII.GetString(shasums));
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.Contains("Good signature", verified.Output, StringComparison.Ordinal);
        Assert.Equal(key.GetProperty("key_id").GetString(), served.GetProperty("keyId").GetString());
        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----", served.GetProperty("asciiArmor").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", served.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadFile_AlteredLinkOrNoLink_Returns403AndVersionsWithoutCredentials401()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        using var anonymous = api.CreateClient(token: null);
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        using var form = ProviderZips.Form([("terraform-provider-demo_0.1.0_linux_amd64.zip", ProviderZips.Package("demo", "0.1.0"))]);
        using var published = await client.PostAsync($"/api/v1/organizations/{org}/providers/demo/versions", form, ct);
        var download = await client.GetFromJsonAsync<JsonElement>($"{Protocol}/{org}/demo/0.1.0/download/linux/amd64", ct);
        var link = download.GetProperty("download_url").GetString()!;
        var shasumsLink = download.GetProperty("shasums_url").GetString()!;

        using var laterExpiry = await anonymous.GetAsync(new Uri(IncrementExpiry(link)), ct);
        using var otherFile = await anonymous.GetAsync(new Uri(shasumsLink.Replace("SHA256SUMS?", "SHA256SUMS.sig?", StringComparison.Ordinal)), ct);
        using var bare = await anonymous.GetAsync(new Uri(link.Split('?')[0]), ct);
        using var versions = await anonymous.GetAsync(new Uri($"{Protocol}/{org}/demo/versions", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, laterExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherFile.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bare.StatusCode);
        Assert.Contains("download link", await bare.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, versions.StatusCode);
    }

    [Theory]
    [InlineData("demo_1.0.0_linux_amd64.zip", "zip", "is not named terraform-provider-")]
    [InlineData("terraform-provider-demo_1.0.0_linux_amd64.zip", "not-a-zip", "is not a valid zip")]
    [InlineData("terraform-provider-demo_1.0.0_linux_amd64.zip", "no-binary", "holds no provider binary")]
    [InlineData("terraform-provider-demo_1.0.0_linux_amd64.zip", "escape", "'..'")]
    [InlineData("terraform-provider-other_1.0.0_linux_amd64.zip", "zip", "not 'demo'")]
    [InlineData("terraform-provider-demo_v1.0.0_linux_amd64.zip", "zip", "is not a semantic version")]
    public async Task PublishVersion_BadZip_Returns400NamingTheFileAndStoresNothing(string fileName, string content, string expected)
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        var bytes = content switch
        {
            "not-a-zip" => Encoding.ASCII.GetBytes("PK\u0003\u0004 but not really a zip"),
            "no-binary" => ProviderZips.Zip(("README.md", "no binary here")),
            "escape" => ProviderZips.Zip(("../terraform-provider-demo", "#!/bin/sh\n")),
            _ => ProviderZips.Package("demo", "1.0.0"),
        };
        var good = ProviderZips.Package("demo", "1.0.0");

        using var form = ProviderZips.Form([("terraform-provider-demo_1.0.0_darwin_amd64.zip", good), (fileName, bytes)]);
        using var response = await client.PostAsync($"/api/v1/organizations/{org}/providers/demo/versions", form, ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        using var versions = await client.GetAsync(new Uri($"{Protocol}/{org}/demo/versions", UriKind.Relative), ct);
        using var key = await client.GetAsync(new Uri($"/api/v1/organizations/{org}/provider-signing-key", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(fileName.Split('_')[0], problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, versions.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, key.StatusCode);
    }

    [Fact]
    public async Task PublishVersion_Twice_Returns409AndDeleteVersionRemovesIt()
    {
        var ct = TestTimeout.Token();
        using var client = api.CreateClient();
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        var path = $"/api/v1/organizations/{org}/providers/demo/versions";
        using var first = ProviderZips.Form([("terraform-provider-demo_2.0.0_linux_amd64.zip", ProviderZips.Package("demo", "2.0.0"))]);
        using var second = ProviderZips.Form([("terraform-provider-demo_2.0.0_linux_amd64.zip", ProviderZips.Package("demo", "2.0.0", ("extra.txt", "changed")))]);

        using var created = await client.PostAsync(path, first, ct);
        using var conflict = await client.PostAsync(path, second, ct);
        var listed = await client.GetFromJsonAsync<JsonElement>(path, ct);
        using var deleted = await client.DeleteAsync(new Uri($"{path}/2.0.0", UriKind.Relative), ct);
        var after = await client.GetFromJsonAsync<JsonElement>($"{Protocol}/{org}/demo/versions", ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var version = Assert.Single(listed.EnumerateArray());
        Assert.Equal(["5.0"], version.GetProperty("protocols").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(after.GetProperty("versions").EnumerateArray());
    }

    private static string IncrementExpiry(string link)
    {
        var uri = new Uri(link);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        query["expires"] = (long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture) + 60).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new UriBuilder(uri) { Query = query.ToString() }.Uri.ToString();
    }
}
