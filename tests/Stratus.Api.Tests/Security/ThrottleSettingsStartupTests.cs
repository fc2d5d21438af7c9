using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Stratus.Api.Tests.Security;

/// <summary>A bad trusted-proxy or throttle setting stops the start, naming the setting and what to put there.</summary>
public sealed class ThrottleSettingsStartupTests(StratusApiFixture api) : IClassFixture<StratusApiFixture>
{
    [Theory]
    [InlineData("Stratus:Api:KnownProxies:0", "proxy.example.com", "Stratus:Api:KnownProxies:0 ('proxy.example.com') is not an IP address")]
    [InlineData("Stratus:Api:KnownNetworks:0", "10.0.0.0/33", "Stratus:Api:KnownNetworks:0 ('10.0.0.0/33') is not an address range in CIDR notation")]
    [InlineData("Stratus:Identity:Throttle:PerAddressFailureLimit", "0", "Stratus:Identity:Throttle:PerAddressFailureLimit must be between 1 and 100000")]
    [InlineData("Stratus:Identity:Throttle:PerUserFailureLimit", "-3", "Stratus:Identity:Throttle:PerUserFailureLimit must be between 1 and 100000")]
    public void Start_BadSetting_FailsNamingIt(string key, string value, string message)
    {
        using var factory = api.WithWebHostBuilder(builder => builder.UseSetting(key, value));

        var ex = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
