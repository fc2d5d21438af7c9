using System.Net.Http.Headers;
using Stratus.Containers.Registry;

namespace Stratus.Containers.Tests.Registry;

public sealed class AuthChallengeTests
{
    [Fact]
    public void Select_BearerWithCommaInScope_ParsesQuotedValues()
    {
        using var response = new HttpResponseMessage();
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Basic", "realm=\"x\""));
        response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer",
            "realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push repository:c:pull\""));

        var challenge = AuthChallenge.Select(response.Headers.WwwAuthenticate);

        Assert.NotNull(challenge);
        Assert.True(challenge.IsBearer);
        Assert.Equal("https://auth.example/token", challenge["realm"]);
        Assert.Equal("registry.example", challenge["service"]);
        Assert.Equal("repository:a/b:pull,push repository:c:pull", challenge["scope"]);
    }

    [Fact]
    public void ParseParameters_UnquotedAndEscaped_Parsed()
    {
        var parameters = AuthChallenge.ParseParameters("realm=plain, error=\"say \\\"no\\\"\"");

        Assert.Equal("plain", parameters["realm"]);
        Assert.Equal("say \"no\"", parameters["error"]);
    }
}
