using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Stratus.Api.Infra.Registry.Modules;
using Stratus.Infra.Registry.Modules;
using Stratus.Secrets;

namespace Stratus.Api.Tests.Infra.Registry;

public sealed class ModuleDownloadSignerTests
{
    private static readonly ModuleAddress Network = new("acme", "network", "azurerm");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Check_SignedLink_IsValidUntilItsLifetimeEndsThenExpired()
    {
        var signer = Signer(SecretProtector.GenerateKey());
        var (expires, signature) = Parse(signer.Sign(Network, "1.0.0"));

        var fresh = signer.Check(Network, "1.0.0", expires, signature);
        _time.Advance(TimeSpan.FromMinutes(5));
        var atTheEnd = signer.Check(Network, "1.0.0", expires, signature);
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = signer.Check(Network, "1.0.0", expires, signature);

        Assert.Equal(DownloadSignatureCheck.Valid, fresh);
        Assert.Equal(DownloadSignatureCheck.Valid, atTheEnd);
        Assert.Equal(DownloadSignatureCheck.Expired, after);
    }

    [Fact]
    public void Check_AlteredLink_IsInvalid()
    {
        var key = SecretProtector.GenerateKey();
        var signer = Signer(key);
        var (expires, signature) = Parse(signer.Sign(Network, "1.0.0"));

        Assert.Equal(DownloadSignatureCheck.Invalid, signer.Check(Network, "1.0.1", expires, signature));
        Assert.Equal(DownloadSignatureCheck.Invalid, signer.Check(Network with { Organization = "other" }, "1.0.0", expires, signature));
        Assert.Equal(DownloadSignatureCheck.Invalid, signer.Check(Network, "1.0.0", expires + 3600, signature));
        Assert.Equal(DownloadSignatureCheck.Invalid, signer.Check(Network, "1.0.0", expires, signature[..^2] + "AA"));
        Assert.Equal(DownloadSignatureCheck.Invalid, signer.Check(Network, "1.0.0", expires, "not base64url!"));
        Assert.Equal(DownloadSignatureCheck.Invalid, signer.Check(Network, "1.0.0", null, signature));
        Assert.Equal(DownloadSignatureCheck.Invalid, Signer(SecretProtector.GenerateKey()).Check(Network, "1.0.0", expires, signature));
        Assert.Equal(DownloadSignatureCheck.Valid, Signer(key).Check(Network, "1.0.0", expires, signature));
    }

    private ModuleDownloadSigner Signer(string key) =>
        new(new SecretProtector(new SecretProtectorOptions { Key = key, KeyId = "test" }), _time, Options.Create(new ModuleRegistryOptions()));

    private static (long Expires, string Signature) Parse(string query)
    {
        var values = QueryHelpers.ParseQuery(query);
        return (long.Parse(values["expires"]!, System.Globalization.CultureInfo.InvariantCulture), values["signature"]!);
    }
}
