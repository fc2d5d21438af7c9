using Stratus.Identity.Tokens;

namespace Stratus.Identity.Tests.Tokens;

public sealed class TokenSecretsTests
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    [Theory]
    [InlineData(TokenKind.Personal, TokenSecrets.PersonalPrefix)]
    [InlineData(TokenKind.Team, TokenSecrets.TeamPrefix)]
    public void Create_EachKind_HasItsPrefixAndIsRecognizedAsThatKind(TokenKind kind, string prefix)
    {
        var token = TokenSecrets.Create(kind);

        Assert.StartsWith(prefix, token, StringComparison.Ordinal);
        Assert.Equal(prefix.Length + 46, token.Length);
        Assert.All(token[prefix.Length..], c => Assert.Contains(c, Base62));
        Assert.True(TokenSecrets.TryRecognize(token, out var recognized));
        Assert.Equal(kind, recognized);
    }

    [Fact]
    public void Create_TwoCalls_GiveDifferentTokens()
    {
        Assert.NotEqual(TokenSecrets.Create(TokenKind.Personal), TokenSecrets.Create(TokenKind.Personal));
    }

    [Fact]
    public void TryRecognize_AnyOneCharacterChanged_IsRefused()
    {
        var token = TokenSecrets.Create(TokenKind.Personal);
        var body = TokenSecrets.PersonalPrefix.Length;

        // Every position of the random part and of the checksum, each to a different base62 character.
        for (var i = body; i < token.Length; i++)
        {
            var replacement = Base62[(Base62.IndexOf(token[i], StringComparison.Ordinal) + 1) % Base62.Length];
            var changed = string.Concat(token.AsSpan(0, i), replacement.ToString(), token.AsSpan(i + 1));

            Assert.False(TokenSecrets.TryRecognize(changed, out _), $"changed at {i}: {changed}");
        }
    }

    [Theory]
    [InlineData("stratus_xx_")]
    [InlineData("STRATUS_PAT_")]
    [InlineData("ghp_")]
    [InlineData("")]
    public void TryRecognize_WrongPrefix_IsRefused(string prefix)
    {
        var token = TokenSecrets.Create(TokenKind.Personal);

        Assert.False(TokenSecrets.TryRecognize(prefix + token[TokenSecrets.PersonalPrefix.Length..], out _));
    }

    [Fact]
    public void TryRecognize_WrongLength_IsRefused()
    {
        var token = TokenSecrets.Create(TokenKind.Team);

        Assert.False(TokenSecrets.TryRecognize(token[..^1], out _));
        Assert.False(TokenSecrets.TryRecognize(token + "0", out _));
        Assert.False(TokenSecrets.TryRecognize(TokenSecrets.TeamPrefix, out _));
    }

    [Theory]
    [InlineData('_')]
    [InlineData('-')]
    [InlineData('+')]
    [InlineData('é')]
    [InlineData(' ')]
    public void TryRecognize_NonBase62Character_IsRefused(char bad)
    {
        var token = TokenSecrets.Create(TokenKind.Personal);
        var at = TokenSecrets.PersonalPrefix.Length + 10;

        Assert.False(TokenSecrets.TryRecognize(string.Concat(token.AsSpan(0, at), bad.ToString(), token.AsSpan(at + 1)), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a token")]
    public void TryRecognize_NullOrJunk_IsRefused(string? text)
    {
        Assert.False(TokenSecrets.TryRecognize(text, out _));
    }

    [Fact]
    public void Hash_Token_Is64LowerCaseHexDifferentFromTheTokenAndStable()
    {
        var token = TokenSecrets.Create(TokenKind.Personal);

        var hash = TokenSecrets.Hash(token);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.NotEqual(token, hash);
        Assert.DoesNotContain(token[TokenSecrets.PersonalPrefix.Length..], hash, StringComparison.Ordinal);
        Assert.Equal(hash, TokenSecrets.Hash(token));
        Assert.NotEqual(hash, TokenSecrets.Hash(TokenSecrets.Create(TokenKind.Personal)));
    }

    [Fact]
    public void Hash_KnownInput_IsItsSha256()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenSecrets.Hash("abc"));
    }
}
