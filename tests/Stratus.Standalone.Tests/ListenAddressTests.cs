using Microsoft.Extensions.Configuration;

namespace Stratus.Standalone.Tests;

public sealed class ListenAddressTests
{
    [Fact]
    public void Resolve_Standalone_UsesStratusUrlElseLoopbackDefault()
    {
        Assert.Equal("http://127.0.0.1:9999", ListenAddress.Resolve(Config(("Stratus:Url", "http://127.0.0.1:9999"))));
        Assert.Equal(ListenAddress.DefaultUrl, ListenAddress.Resolve(Config()));
    }

    [Fact]
    public void Resolve_AspNetCoreUrlsGiven_LeavesThemInCharge()
    {
        Assert.Null(ListenAddress.Resolve(Config(("urls", "http://127.0.0.1:5000"))));
    }

    [Fact]
    public void ResolveHttps_OutOfTheBox_ServesTheDefaultHttpsAddressToo()
    {
        Assert.Equal(ListenAddress.DefaultHttpsUrl, ListenAddress.ResolveHttps(Config()));
    }

    [Fact]
    public void ResolveHttps_OwnHttpAddressOrEmptySetting_ServesHttpsOnlyWhenAsked()
    {
        Assert.Null(ListenAddress.ResolveHttps(Config(("Stratus:Url", "http://127.0.0.1:9999"))));
        Assert.Null(ListenAddress.ResolveHttps(Config(("Stratus:HttpsUrl", ""))));
        Assert.Equal("https://127.0.0.1:9443", ListenAddress.ResolveHttps(Config(("Stratus:Url", "http://127.0.0.1:9999"), ("Stratus:HttpsUrl", "https://127.0.0.1:9443"))));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
