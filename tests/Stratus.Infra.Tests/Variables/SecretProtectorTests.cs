using System.Buffers.Text;
using System.Text;
using Stratus.Infra.Variables;
using Stratus.Secrets;

namespace Stratus.Infra.Tests.Variables;

public sealed class SecretProtectorTests
{
    private static readonly SecretProtectorOptions Options = new() { Key = SecretProtector.GenerateKey(), KeyId = "k1" };

    [Theory]
    [InlineData("hunter2")]
    [InlineData("")]
    [InlineData("ünïcødé ✓ 🔑 and a\nnewline")]
    public void Protect_ThenUnprotect_GivesTheValueBack(string value)
    {
        var protector = new SecretProtector(Options);

        var protectedValue = protector.Protect(value, "acme|ws:1|v1");

        Assert.Equal(value, protector.Unprotect(protectedValue, "acme|ws:1|v1"));
    }

    [Fact]
    public void Protect_CarriesFormatAndKeyId_AndNeverThePlaintext()
    {
        var protector = new SecretProtector(Options);

        var protectedValue = protector.Protect("hunter2-plain", "ctx");

        Assert.StartsWith("sv1:k1:", protectedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", protectedValue, StringComparison.Ordinal);
        Assert.Equal("k1", SecretProtector.KeyIdOf(protectedValue));
        Assert.True(protector.IsCurrent(protectedValue));
    }

    [Fact]
    public void Protect_SameValueTwice_GivesDifferentCiphertexts()
    {
        var protector = new SecretProtector(Options);

        Assert.NotEqual(protector.Protect("same", "ctx"), protector.Protect("same", "ctx"));
    }

    [Fact]
    public void Unprotect_AnyFlippedByte_FailsTheIntegrityCheck()
    {
        var protector = new SecretProtector(Options);
        var protectedValue = protector.Protect("a secret worth keeping", "ctx");
        var prefix = protectedValue[..(protectedValue.LastIndexOf(':') + 1)];
        var payload = Base64Url.DecodeFromChars(protectedValue.AsSpan(prefix.Length));

        for (var i = 0; i < payload.Length; i++)
        {
            var tampered = (byte[])payload.Clone();
            tampered[i] ^= 0x01;
            var text = prefix + Base64Url.EncodeToString(tampered);

            var ex = Assert.Throws<SecretProtectionException>(() => protector.Unprotect(text, "ctx"));
            Assert.Contains("integrity", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Unprotect_OtherContext_Fails()
    {
        var protector = new SecretProtector(Options);
        var protectedValue = protector.Protect("bound to one variable", "acme|ws:1|v1");

        Assert.Throws<SecretProtectionException>(() => protector.Unprotect(protectedValue, "acme|ws:1|v2"));
    }

    [Fact]
    public void Unprotect_KeyIdRelabelled_Fails()
    {
        var other = new SecretProtectorOptions { Key = Options.Key, KeyId = "k2", RetiredKeys = new Dictionary<string, string> { ["k1"] = Options.Key! } };
        var protector = new SecretProtector(Options);
        var relabelled = protector.Protect("value", "ctx").Replace("sv1:k1:", "sv1:k2:", StringComparison.Ordinal);

        // Same key bytes under another id: the id is part of the authenticated data, so the label cannot be swapped.
        Assert.Throws<SecretProtectionException>(() => new SecretProtector(other).Unprotect(relabelled, "ctx"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hunter2")]
    [InlineData("sv1:k1")]
    [InlineData("sv2:k1:AAAA")]
    [InlineData("sv1:k1:not base64!")]
    [InlineData("sv1:k1:AAAA")]
    [InlineData("sv1:bad id:AAAA")]
    public void Unprotect_Malformed_FailsClearly(string value)
    {
        var protector = new SecretProtector(Options);

        var ex = Assert.Throws<SecretProtectionException>(() => protector.Unprotect(value, "ctx"));

        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Rotation_RetiredKeyStillDecrypts_NewValuesUseTheNewKey()
    {
        var old = new SecretProtector(Options);
        var written = old.Protect("written before rotation", "ctx");
        var rotated = new SecretProtector(new SecretProtectorOptions
        {
            Key = SecretProtector.GenerateKey(),
            KeyId = "k2",
            RetiredKeys = new Dictionary<string, string> { ["k1"] = Options.Key! },
        });

        var rewritten = rotated.Protect(rotated.Unprotect(written, "ctx"), "ctx");

        Assert.Equal("written before rotation", rotated.Unprotect(written, "ctx"));
        Assert.False(rotated.IsCurrent(written));
        Assert.True(rotated.IsCurrent(rewritten));
        Assert.Equal("k2", SecretProtector.KeyIdOf(rewritten));
        Assert.Throws<SecretProtectionException>(() => old.Unprotect(rewritten, "ctx"));
    }

    [Fact]
    public void Unprotect_KeyNoLongerConfigured_NamesTheMissingKey()
    {
        var written = new SecretProtector(Options).Protect("value", "ctx");
        var withoutOldKey = new SecretProtector(new SecretProtectorOptions { Key = SecretProtector.GenerateKey(), KeyId = "k2" });

        var ex = Assert.Throws<SecretProtectionException>(() => withoutOldKey.Unprotect(written, "ctx"));

        Assert.Equal("k1", ex.KeyId);
        Assert.Contains("'k1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("RetiredSecretKeys", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_SameIdButDifferentKey_FailsTheIntegrityCheck()
    {
        var written = new SecretProtector(Options).Protect("value", "ctx");
        var impostor = new SecretProtector(new SecretProtectorOptions { Key = SecretProtector.GenerateKey(), KeyId = "k1" });

        Assert.Throws<SecretProtectionException>(() => impostor.Unprotect(written, "ctx"));
    }

    [Theory]
    [InlineData(null, "k1", "SecretKey is not set")]
    [InlineData("not base64", "k1", "not a base64-encoded 32-byte key")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==", "k1", "not a base64-encoded 32-byte key")]
    [InlineData("VALID", "", "SecretKeyId")]
    [InlineData("VALID", "has space", "SecretKeyId")]
    [InlineData("VALID", "abcdefghijklmnopqrstuvwxyz0123456789", "SecretKeyId")]
    public void Options_Invalid_AreRefusedNamingTheSetting(string? key, string keyId, string expected)
    {
        var options = new SecretProtectorOptions { Key = key == "VALID" ? SecretProtector.GenerateKey() : key, KeyId = keyId };

        var problems = options.Problems("Stratus:Infra:");
        var ex = Assert.Throws<ArgumentException>(() => new SecretProtector(options));

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal) && p.StartsWith("Stratus:Infra:", StringComparison.Ordinal));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_RetiredKeyProblems_AreNamed()
    {
        var options = new SecretProtectorOptions
        {
            Key = SecretProtector.GenerateKey(),
            KeyId = "k2",
            RetiredKeys = new Dictionary<string, string> { ["k2"] = SecretProtector.GenerateKey(), ["old"] = "short", ["bad id"] = SecretProtector.GenerateKey() },
        };

        var problems = options.Problems("Stratus:Infra:");

        Assert.Contains(problems, p => p.Contains("RetiredSecretKeys:k2 has the active key's id", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("RetiredSecretKeys:old is not a base64-encoded 32-byte key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("RetiredSecretKeys:bad id", StringComparison.Ordinal));
    }

    [Fact]
    public void GenerateKey_Is32RandomBytes()
    {
        var a = SecretProtector.GenerateKey();
        var b = SecretProtector.GenerateKey();

        Assert.Equal(32, SecretProtectorOptions.DecodeKey(a)!.Length);
        Assert.NotEqual(a, b);
        Assert.Empty(new SecretProtectorOptions { Key = a }.Problems());
    }

    [Fact]
    public void Protect_LargestValue_FitsOneTableStringProperty()
    {
        var protector = new SecretProtector(Options);
        var value = new string('x', VariableRules.MaxValueBytes);

        var protectedValue = protector.Protect(value, "acme|ws:ws-0123456789abcdef|0123456789abcdef0123456789abcdef");

        Assert.True(protectedValue.Length <= Stratus.Storage.StorageLimits.MaxTableStringChars, $"{protectedValue.Length} characters");
        Assert.Equal(value, protector.Unprotect(protectedValue, "acme|ws:ws-0123456789abcdef|0123456789abcdef0123456789abcdef"));
        Assert.Equal(VariableRules.MaxValueBytes, Encoding.UTF8.GetByteCount(value));
    }
}
