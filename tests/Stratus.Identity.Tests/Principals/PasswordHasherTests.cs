using Stratus.Identity.Principals;

namespace Stratus.Identity.Tests.Principals;

/// <summary>Each hash or verification of a real hash costs 600,000 PBKDF2 iterations, so the class hashes once.</summary>
public sealed class PasswordHasherTests
{
    private const string Password = "correct horse battery staple";
    private static readonly Lazy<string> Stored = new(() => PasswordHasher.Hash(Password));

    [Fact]
    public void Hash_Password_IsTheDocumentedFormatWithoutThePassword()
    {
        var parts = Stored.Value.Split('$');

        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal("600000", parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.DoesNotContain(Password, Stored.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RightPassword_IsTrue()
    {
        Assert.True(PasswordHasher.Verify(Password, Stored.Value));
    }

    [Fact]
    public void Verify_WrongPassword_IsFalse()
    {
        Assert.False(PasswordHasher.Verify(Password + "!", Stored.Value));
    }

    [Fact]
    public void Verify_ChangedHashBytes_IsFalse()
    {
        var parts = Stored.Value.Split('$');
        var hash = Convert.FromBase64String(parts[3]);
        hash[0] ^= 1;

        Assert.False(PasswordHasher.Verify(Password, string.Join('$', parts[0], parts[1], parts[2], Convert.ToBase64String(hash))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("pbkdf2-sha256$600000$c2FsdA==")]
    [InlineData("pbkdf2-sha1$1$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$many$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$1$c2FsdA==$aGFzaA==$extra")]
    public void Verify_MalformedStoredValue_IsFalse(string? stored)
    {
        Assert.False(PasswordHasher.Verify(Password, stored));
    }

    // A stored value damaged in the database or by hand must fail the sign-in, not throw out of the login endpoint.
    [Theory]
    [InlineData("pbkdf2-sha256$1$c2FsdA==$not*base64!")]
    [InlineData("pbkdf2-sha256$1$not*base64!$aGFzaA==")]
    [InlineData("pbkdf2-sha256$0$c2FsdA==$aGFzaA==")]
    [InlineData("pbkdf2-sha256$-5$c2FsdA==$aGFzaA==")]
    public void Verify_TamperedStoredValue_IsFalse(string stored)
    {
        Assert.False(PasswordHasher.Verify(Password, stored));
    }

    // An empty hash part must not compare equal to a zero-length derivation: that would accept every password.
    [Theory]
    [InlineData("pbkdf2-sha256$1$c2FsdA==$")]
    [InlineData("pbkdf2-sha256$600000$$")]
    public void Verify_EmptyStoredHash_RefusesAnyPassword(string stored)
    {
        Assert.False(PasswordHasher.Verify("any password whatsoever", stored));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("elevenchars")]
    public void Problem_ShortPassword_SaysHowLong(string? password)
    {
        var problem = PasswordHasher.Problem(password);

        Assert.NotNull(problem);
        Assert.Contains(PasswordHasher.MinimumLength.ToString(System.Globalization.CultureInfo.InvariantCulture), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_LengthBounds_AreTwelveAnd256()
    {
        Assert.Null(PasswordHasher.Problem(new string('x', 12)));
        Assert.Null(PasswordHasher.Problem(new string('x', 256)));
        Assert.NotNull(PasswordHasher.Problem(new string('x', 257)));
    }
}
