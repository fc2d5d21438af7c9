using System.Text.Json;
using static Stratus.Cli.Tests.Apps.CliRuns;
using Stratus.Testing;
using Stratus.Testing.Hosting;

namespace Stratus.Cli.Tests.Apps;

/// <summary><c>stratus app certificate set|list|unset</c> against the real API, on an app never deployed.</summary>
public sealed class AppCertificateCommandsTests(StratusApiFactory api) : IClassFixture<StratusApiFactory>
{
    [Fact]
    public async Task SetListUnset_PemFiles_ListedBySubjectThenGone()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);
        var app = await AppSetup.AppAsync(session);
        var cname = $"{app}.example.com";
        await AssertOkAsync(session.RunAsync("app", "cname", "add", app, cname));
        var (certificate, key) = TestCertificates.Create(cname);
        var folder = Directory.CreateTempSubdirectory("stratus-cert-");
        try
        {
            var certFile = Path.Combine(folder.FullName, "cert.pem");
            var keyFile = Path.Combine(folder.FullName, "key.pem");
            await File.WriteAllTextAsync(certFile, certificate, TestTimeout.Token());
            await File.WriteAllTextAsync(keyFile, key, TestTimeout.Token());

            var set = await AssertOkAsync(session.RunAsync("app", "certificate", "set", app, cname, certFile, keyFile));
            var listed = await AssertOkAsync(session.RunAsync("app", "certificate", "list", app));
            await AssertOkAsync(session.RunAsync("app", "certificate", "unset", app, cname));
            var after = await AssertOkAsync(session.RunAsync("app", "certificate", "list", app, "-o", "json"));

            Assert.Contains($"Certificate change of {app} succeeded.", set.Out, StringComparison.Ordinal);
            Assert.Contains($"CN={cname}", listed.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", listed.Out, StringComparison.Ordinal);
            Assert.Equal(0, JsonDocument.Parse(after.Out).RootElement.GetArrayLength());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Set_FilesAndIssuer_RefusedBeforeCallingTheApi()
    {
        using var session = CliSession.For(api);
        await session.LoginAsync(api.AdminToken);

        var result = await session.RunAsync("app", "certificate", "set", "some-app", "www.example.com", "cert.pem", "key.pem", "--issuer", "letsencrypt");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("not both", result.Error, StringComparison.Ordinal);
    }
}
