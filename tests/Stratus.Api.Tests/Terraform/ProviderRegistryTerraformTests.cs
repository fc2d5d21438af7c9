using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Api.Tests.Infra;
using Stratus.Api.Tests.Infra.Registry;
using Stratus.Infra.Registry.Providers;
using Stratus.Storage;
using Stratus.Testing;
using Stratus.Testing.Terraform;
using Xunit.Abstractions;

namespace Stratus.Api.Tests.Terraform;

/// <summary>
/// The real <c>terraform init</c> installing a private provider from Stratus over HTTPS: it verifies the package's
/// checksum against SHA256SUMS and SHA256SUMS's signature against the organization's served key, and refuses a package
/// whose bytes or signature were changed in storage after publishing.
/// </summary>
public sealed class ProviderRegistryTerraformTests(StratusHttpsServer server, ITestOutputHelper output) : IClassFixture<StratusHttpsServer>
{
    private const string Version = "1.0.0";

    [TerraformFact]
    public async Task Init_PublishedProvider_InstallsAndVerifiesIt()
    {
        var ct = TestTimeout.Token(180);
        var org = await PublishAsync(ct);
        var folder = Configuration(org);
        using var terraform = server.Terraform(folder, server.AdminToken);

        var watch = Stopwatch.StartNew();
        var init = await terraform.RunAsync(["init", "-input=false", "-no-color"], null, ct);
        output.WriteLine($"terraform init installed the provider in {watch.ElapsedMilliseconds} ms");
        var lockFile = await File.ReadAllTextAsync(Path.Combine(folder, ".terraform.lock.hcl"), ct);
        var keyId = (await server.Services.GetRequiredService<ProviderRegistryStore>().GetVersionAsync(org, "demo", Version, ct))!.KeyId;
        var installed = Directory.GetFiles(Path.Combine(folder, ".terraform", "providers", StratusHttpsServer.Hostname, org, "demo", Version, "linux_amd64"));
        Directory.Delete(folder, recursive: true);

        Assert.True(init.Succeeded, init.ToString());
        Assert.True(init.Output.Contains($"Installed {StratusHttpsServer.Hostname}/{org}/demo v{Version} (self-signed, key ID {keyId})", StringComparison.Ordinal), init.ToString());
        Assert.Contains($"provider \"{StratusHttpsServer.Hostname}/{org}/demo\"", lockFile, StringComparison.Ordinal);
        Assert.Contains("zh:", lockFile, StringComparison.Ordinal);
        Assert.Contains(installed, f => Path.GetFileName(f) == $"terraform-provider-demo_v{Version}");
    }

    [TerraformFact]
    public async Task Init_ZipChangedAfterPublishing_FailsOnTheChecksum()
    {
        var ct = TestTimeout.Token(180);
        var org = await PublishAsync(ct);
        await ReplaceStoredFileAsync(org, $"terraform-provider-demo_{Version}_linux_amd64.zip", ProviderZips.Package("demo", Version, ("tampered.txt", "not what was published")), ct);
        var folder = Configuration(org);
        using var terraform = server.Terraform(folder, server.AdminToken);

        var init = await terraform.RunAsync(["init", "-input=false", "-no-color"], null, ct);
        Directory.Delete(folder, recursive: true);

        Assert.False(init.Succeeded, init.ToString());
        Assert.Contains("checksum", init.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Installed", init.Output, StringComparison.Ordinal);
    }

    [TerraformFact]
    public async Task Init_SignatureByAnotherKey_FailsOnTheSignature()
    {
        var ct = TestTimeout.Token(180);
        var org = await PublishAsync(ct);
        var version = await server.Services.GetRequiredService<ProviderRegistryStore>().GetVersionAsync(org, "demo", Version, ct);
        await using (var shasums = await server.Services.GetRequiredService<ProviderRegistryStore>().OpenFileAsync(version!, version!.ShasumsFileName, ct))
        {
            using var copy = new MemoryStream();
            await shasums!.Content.CopyToAsync(copy, ct);
            var stranger = OpenPgpSigning.Generate("someone else", DateTime.UtcNow);
            await ReplaceStoredFileAsync(org, version.SignatureFileName, OpenPgpSigning.SignDetached(stranger.SecretKeyArmored, copy.ToArray(), DateTime.UtcNow), ct);
        }

        var folder = Configuration(org);
        using var terraform = server.Terraform(folder, server.AdminToken);

        var init = await terraform.RunAsync(["init", "-input=false", "-no-color"], null, ct);
        Directory.Delete(folder, recursive: true);

        Assert.False(init.Succeeded, init.ToString());
        Assert.Contains("signature", init.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Installed", init.Output, StringComparison.Ordinal);
    }

    private async Task<string> PublishAsync(CancellationToken ct)
    {
        using var client = server.Client(server.AdminToken);
        var org = await new InfraAdmin(client).CreateOrganizationAsync(ct);
        using var form = ProviderZips.Form([($"terraform-provider-demo_{Version}_linux_amd64.zip", ProviderZips.Package("demo", Version))]);
        using var published = await client.PostAsync($"/api/v1/organizations/{org}/providers/demo/versions", form, ct);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync(ct));
        return org;
    }

    private async Task ReplaceStoredFileAsync(string org, string fileName, byte[] content, CancellationToken ct)
    {
        var version = await server.Services.GetRequiredService<ProviderRegistryStore>().GetVersionAsync(org, "demo", Version, ct);
        var container = server.Services.GetRequiredService<IStorageAccount>().Blobs.GetContainer(ProviderRegistryStore.ContainerName);
        await container.UploadAsync($"{version!.Folder}/{fileName}", new MemoryStream(content), cancellationToken: ct);
    }

    private static string Configuration(string org)
    {
        var folder = Directory.CreateTempSubdirectory("stratus-tfprovider-").FullName;
        File.WriteAllText(Path.Combine(folder, "main.tf"), $$"""
            terraform {
              required_providers {
                demo = {
                  source  = "{{StratusHttpsServer.Hostname}}/{{org}}/demo"
                  version = "~> 1.0"
                }
              }
            }
            """, Encoding.ASCII);
        return folder;
    }
}
