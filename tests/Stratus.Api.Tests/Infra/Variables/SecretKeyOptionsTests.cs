using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Stratus.Api.Infra.Variables;
using Stratus.Infra.Variables;
using Stratus.Testing;
using Stratus.Secrets;

namespace Stratus.Api.Tests.Infra.Variables;

public sealed class SecretKeyOptionsTests
{
    [Theory]
    [InlineData("Azure", "Production", false)]
    [InlineData("Azure", "Staging", false)]
    [InlineData("Azure", "Development", true)]
    [InlineData("Embedded", "Production", true)]
    [InlineData(null, "Production", true)]
    public void Validate_NoKey_IsFineOnlyInLocalMode(string? provider, string environment, bool valid)
    {
        var result = Validate(new SecretKeyOptions(), provider, environment);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Stratus:Infra:SecretKey is required", result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains("Key Vault reference", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_KeyFileInsteadOfKey_IsFineEverywhere() =>
        Assert.True(Validate(new SecretKeyOptions { SecretKeyFile = "/run/secrets/stratus-key.json" }, "Azure", "Production").Succeeded);

    [Theory]
    [InlineData("not-base64", "default", "Stratus:Infra:SecretKey is not a base64-encoded 32-byte key")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==", "default", "Stratus:Infra:SecretKey is not a base64-encoded 32-byte key")]
    [InlineData("VALID", "bad id!", "Stratus:Infra:SecretKeyId")]
    public void Validate_BadKeySettings_NameTheSetting(string key, string keyId, string expected)
    {
        var options = new SecretKeyOptions { SecretKey = key == "VALID" ? SecretProtector.GenerateKey() : key, SecretKeyId = keyId };

        var result = Validate(options, "Azure", "Production");

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadRetiredKey_NamesIt()
    {
        var options = new SecretKeyOptions { SecretKey = SecretProtector.GenerateKey(), RetiredSecretKeys = { ["old"] = "short" } };

        var result = Validate(options, "Embedded", "Production");

        Assert.Contains("Stratus:Infra:RetiredSecretKeys:old", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyFile_CreatedOnceWithOwnerOnlyPermissions_AndReadBackTheSame()
    {
        var folder = Directory.CreateTempSubdirectory("stratus-key-").FullName;
        try
        {
            var path = Path.Combine(folder, "nested", "secret-key.json");

            var (first, created, tooOpen) = SecretKeyFile.LoadOrCreate(path, create: true, TimeProvider.System);
            var (second, createdAgain, _) = SecretKeyFile.LoadOrCreate(path, create: true, TimeProvider.System);

            Assert.True(created);
            Assert.False(createdAgain);
            Assert.False(tooOpen);
            Assert.Equal(first, second);
            Assert.StartsWith("local-", first.KeyId, StringComparison.Ordinal);
            Assert.Empty(new SecretProtectorOptions { Key = first.Key, KeyId = first.KeyId }.Problems());
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task KeyFile_CreatedConcurrently_EveryoneGetsTheSameKey()
    {
        var folder = Directory.CreateTempSubdirectory("stratus-key-").FullName;
        try
        {
            // Many rounds, because the race this guards (check-then-rename) is lost only now and then.
            for (var round = 0; round < 25; round++)
            {
                var path = Path.Combine(folder, $"secret-key-{round}.json");
                using var start = new Barrier(8);

                var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
                    () =>
                    {
                        start.SignalAndWait();
                        return SecretKeyFile.LoadOrCreate(path, create: true, TimeProvider.System);
                    },
                    CancellationToken.None,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default)));

                Assert.Single(results.Select(r => r.Content).Distinct());
                Assert.Single(results, r => r.Created);
            }

            Assert.Equal(25, Directory.GetFiles(folder).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void KeyFile_MissingWhereItMayNotBeCreated_OrMalformed_FailsClearly()
    {
        var folder = Directory.CreateTempSubdirectory("stratus-key-").FullName;
        try
        {
            var missing = Path.Combine(folder, "missing.json");
            var malformed = Path.Combine(folder, "malformed.json");
            File.WriteAllText(malformed, JsonSerializer.Serialize(new { keyId = "k1", key = "short" }));

            var notThere = Assert.Throws<InvalidOperationException>(() => SecretKeyFile.LoadOrCreate(missing, create: false, TimeProvider.System));
            var bad = Assert.Throws<InvalidOperationException>(() => SecretKeyFile.LoadOrCreate(malformed, create: false, TimeProvider.System));

            Assert.Contains("does not exist", notThere.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(missing));
            Assert.Contains("is not valid", bad.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Start_AzureProductionWithoutKey_FailsNamingTheSetting()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Stratus:Storage:Provider", "Azure");
            builder.UseSetting("AzureWebJobsStorage", "UseDevelopmentStorage=true");
        });

        var ex = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Stratus:Infra:SecretKey is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithConfiguredKeyFile_EncryptsWithThatKey()
    {
        var folder = Directory.CreateTempSubdirectory("stratus-key-").FullName;
        var keyFile = Path.Combine(folder, "key.json");
        var key = SecretProtector.GenerateKey();
        await File.WriteAllTextAsync(keyFile, JsonSerializer.Serialize(new { keyId = "mounted-1", key }));
        try
        {
            using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseSetting("Stratus:Storage:Provider", "Embedded");
                builder.UseSetting("Stratus:Storage:DataPath", Path.Combine(folder, "data"));
                builder.UseSetting("Stratus:Infra:SecretKeyFile", keyFile);
                builder.UseSetting("Stratus:Identity:CreateBootstrapAdmin", "false");
            });
            using var client = factory.CreateClient();

            var protector = factory.Services.GetRequiredService<SecretProtector>();
            var written = protector.Protect("value", "ctx");

            Assert.Equal("mounted-1", protector.ActiveKeyId);
            Assert.Equal("value", new SecretProtector(new SecretProtectorOptions { Key = key, KeyId = "mounted-1" }).Unprotect(written, "ctx"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ValidateOptionsResult Validate(SecretKeyOptions options, string? provider, string environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(provider is null ? [] : [new KeyValuePair<string, string?>("Stratus:Storage:Provider", provider)])
            .Build();
        return new SecretKeyOptionsValidator(configuration, new TestHostEnvironment(environment)).Validate(null, options);
    }
}
