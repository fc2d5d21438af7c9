using System.Net.Http.Json;
using System.Text.Json;
using Stratus.Api.Tests.Identity;
using Stratus.Testing;
using Stratus.Testing.Terraform;

namespace Stratus.Api.Tests.Infra.Registry;

/// <summary>
/// The real <c>terraform init</c> installing a private module from Stratus over HTTPS: service discovery, the version
/// list, the constraint, the download's signed link fetched by go-getter without credentials.
/// </summary>
public sealed class ModuleRegistryTerraformTests(StratusHttpsServer server) : IClassFixture<StratusHttpsServer>
{
    [TerraformFact]
    public async Task Init_VersionConstraint_InstallsTheNewestMatchingVersionWithAReadersToken()
    {
        var ct = TestTimeout.Token(240);
        using var admin = server.Client(server.AdminToken);
        var identity = new IdentityAdmin(admin);
        await identity.SendAsync(HttpMethod.Post, "/api/v1/organizations", new { name = "acme" }, ct);
        using var repository = await ModuleRepository.CreateAsync(ct);
        foreach (var version in new[] { "1.0.0", "1.1.0", "1.2.0", "2.0.0" })
        {
            await repository.CommitAndTagAsync("v" + version, new Dictionary<string, string?>
            {
                ["main.tf"] = $"output \"version\" {{\n  value = \"{version}\"\n}}\n",
            }, ct);
        }

        var published = await identity.SendAsync(HttpMethod.Post, "/api/v1/organizations/acme/modules/network/azurerm/versions", new { source = repository.Url }, ct);
        var token = await identity.CreateUserWithTokenAsync("tf-module-reader", ct);
        await identity.CreateRoleAsync("tf-module-reader", ["module.read"], ct);
        await identity.GrantAsync("user:tf-module-reader", "tf-module-reader", "organization:acme", ct);

        var folder = Directory.CreateTempSubdirectory("stratus-tfmodule-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "main.tf"), """
                module "net" {
                  source  = "stratus.test/acme/network/azurerm"
                  version = "~> 1.1"
                }

                output "installed" {
                  value = module.net.version
                }
                """, ct);
            using var terraform = server.Terraform(folder, token);
            var init = await terraform.RunAsync(["init", "-input=false", "-no-color"], null, ct);
            Assert.True(init.Succeeded, init.ToString());
            var installed = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, ".terraform", "modules", "modules.json"), ct));
            var net = installed.RootElement.GetProperty("Modules").EnumerateArray().Single(m => m.GetProperty("Key").GetString() == "net");
            var code = await File.ReadAllTextAsync(Path.Combine(folder, net.GetProperty("Dir").GetString()!, "main.tf"), ct);

            using var anonymous = server.Terraform(Directory.CreateTempSubdirectory("stratus-tfmodule-anon-").FullName, token: null);
            File.Copy(Path.Combine(folder, "main.tf"), Path.Combine(anonymous.WorkingDirectory, "main.tf"));
            var refused = await anonymous.RunAsync(["init", "-input=false", "-no-color"], null, ct);
            Stratus.Archives.LocalFiles.DeleteQuietly(anonymous.WorkingDirectory);

            Assert.Equal(4, published.GetProperty("published").GetArrayLength());
            Assert.Equal("1.2.0", net.GetProperty("Version").GetString());
            Assert.Contains("value = \"1.2.0\"", code, StringComparison.Ordinal);
            Assert.Contains("Downloading stratus.test/acme/network/azurerm 1.2.0", init.Output, StringComparison.Ordinal);
            Assert.False(refused.Succeeded, refused.ToString());
            Assert.Contains("401", refused.Error + refused.Output, StringComparison.Ordinal);
        }
        finally
        {
            Stratus.Archives.LocalFiles.DeleteQuietly(folder);
        }
    }
}
