using Stratus.Identity.Principals;
using Stratus.Identity.Tokens;

namespace Stratus.Identity.Tests.Tokens;

public sealed class ApiTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static ApiToken Token(DateTimeOffset? expiresAt) =>
        new("tok1", "ci", TokenKind.Personal, PrincipalRef.User("alice"), Now.AddDays(-1), expiresAt, null, "alice");

    [Fact]
    public void IsExpired_NoExpiry_IsFalse()
    {
        Assert.False(Token(null).IsExpired(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void IsExpired_ExpiryInTheFuture_IsFalse()
    {
        Assert.False(Token(Now.AddTicks(1)).IsExpired(Now));
    }

    [Fact]
    public void IsExpired_ExpiryNowOrPast_IsTrue()
    {
        Assert.True(Token(Now).IsExpired(Now));
        Assert.True(Token(Now.AddSeconds(-1)).IsExpired(Now));
    }
}
