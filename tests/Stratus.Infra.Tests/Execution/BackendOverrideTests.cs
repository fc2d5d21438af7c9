using System.Text;
using Stratus.Infra.Execution;
using Stratus.Testing;

namespace Stratus.Infra.Tests.Execution;

public sealed class BackendOverrideTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Write_StateAddress_HttpBackendWithLockMethodsAndNoCredentials()
    {
        var path = BackendOverride.Write(_directory.FullPath, new Uri("https://stratus.example/api/v1/organizations/acme/workspaces/net/state"));

        Assert.Equal(Path.Combine(_directory.FullPath, "stratus_backend_override.tf"), path);
        var content = File.ReadAllText(path);
        Assert.Contains("backend \"http\" {", content, StringComparison.Ordinal);
        Assert.Contains("    address        = \"https://stratus.example/api/v1/organizations/acme/workspaces/net/state\"\n", content, StringComparison.Ordinal);
        Assert.Contains("    lock_address   = \"https://stratus.example/api/v1/organizations/acme/workspaces/net/state\"\n", content, StringComparison.Ordinal);
        Assert.Contains("    unlock_address = \"https://stratus.example/api/v1/organizations/acme/workspaces/net/state\"\n", content, StringComparison.Ordinal);
        Assert.Contains("lock_method    = \"LOCK\"", content, StringComparison.Ordinal);
        Assert.Contains("unlock_method  = \"UNLOCK\"", content, StringComparison.Ordinal);
        Assert.DoesNotContain("username", content, StringComparison.Ordinal);
        Assert.DoesNotContain("password", content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://stratus.example/state")]
    [InlineData("https://user:secret@stratus.example/state")]
    public void Write_AddressNotHttpOrWithCredentials_Refused(string address) =>
        Assert.Throws<ArgumentException>(() => BackendOverride.Write(_directory.FullPath, new Uri(address)));

    [Fact]
    public void HclString_QuotesBackslashesAndTemplates_Escaped() =>
        Assert.Equal("\"a\\\"b\\\\c$${x}%%{y}$z\"", BackendOverride.HclString("a\"b\\c${x}%{y}$z"));

    [Fact]
    public void StateAddress_OrganizationAndWorkspace_EscapedIntoTheStatePath() =>
        Assert.Equal(
            "http://127.0.0.1:7071/api/v1/organizations/acme/workspaces/net-prod/state",
            BackendOverride.StateAddress(new Uri("http://127.0.0.1:7071/"), "acme", "net-prod").AbsoluteUri);

    [Fact]
    public void CredentialEnvironment_BasicAuthVariables()
    {
        var environment = BackendOverride.CredentialEnvironment("stratus", "tok");

        Assert.Equal("stratus", environment["TF_HTTP_USERNAME"]);
        Assert.Equal("tok", environment["TF_HTTP_PASSWORD"]);
    }

    [TerraformFact]
    public async Task InitApply_WithOverride_StateGoesToTheHttpBackendWithEnvironmentCredentials()
    {
        const string Token = "tok-abc-123456";
        byte[]? stored = null;
        using var server = new TinyHttpServer(request =>
        {
            switch (request.Method)
            {
                case "GET":
                    return stored is null ? (404, []) : (200, stored);
                case "POST":
                    stored = request.Body;
                    return (200, []);
                default:
                    return (200, []);
            }
        });
        using var terraform = new TerraformHarness(extraEnvironment: BackendOverride.CredentialEnvironment("stratus", Token));
        terraform.Write("main.tf", "terraform {\n  backend \"local\" {}\n}\n\nresource \"terraform_data\" \"a\" {\n  input = 1\n}\n");
        var address = BackendOverride.StateAddress(server.BaseUrl, "acme", "net");
        BackendOverride.Write(terraform.Folder, address);
        var token = TestTimeout.Token();

        Assert.True(await terraform.RunAsync(TerraformCommands.Init(), token) == 0, terraform.Log.Text);
        var initRequests = server.Requests.Count;
        Assert.True(await terraform.RunAsync(TerraformCommands.Apply(), token) == 0, terraform.Log.Text);

        var requests = server.Requests.ToList();
        Assert.Equal("GET", requests[0].Method);
        var apply = requests.Skip(initRequests).Select(r => r.Method).ToList();
        Assert.Equal("LOCK", apply[0]);
        Assert.Equal("UNLOCK", apply[^1]);
        Assert.Contains("POST", apply);
        Assert.All(requests, r => Assert.Equal(address.AbsolutePath, r.Path));
        Assert.All(requests, r => Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("stratus:" + Token)), r.Authorization));
        Assert.All(requests.Where(r => r.Method == "POST"), r => Assert.StartsWith(address.AbsolutePath + "?ID=", r.PathAndQuery, StringComparison.Ordinal));
        Assert.Contains("terraform_data", Encoding.UTF8.GetString(stored!), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(terraform.Folder, "terraform.tfstate")), "the local backend in the configuration was not overridden");
        foreach (var file in Directory.EnumerateFiles(terraform.Folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            Assert.DoesNotContain(Token, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }
}
