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

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
