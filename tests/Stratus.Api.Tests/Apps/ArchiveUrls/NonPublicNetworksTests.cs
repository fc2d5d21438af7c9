using System.Net;
using Microsoft.Extensions.Options;
using Stratus.Orchestrations.Apps.ArchiveUrls;

namespace Stratus.Api.Tests.Apps.ArchiveUrls;

public sealed class NonPublicNetworksTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.251")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fd00::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("2002:7f00:1::1")]
    public void Contains_NonPublicAddress_IsTrue(string address) =>
        Assert.True(NonPublicNetworks.Contains(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void Contains_PublicAddress_IsFalse(string address) =>
        Assert.False(NonPublicNetworks.Contains(IPAddress.Parse(address)));

    [Fact]
    public async Task ResolveAsync_AllowedNetwork_PassesItsAddressesOnly()
    {
        var options = new ArchiveUrlOptions();
        options.AllowedNetworks.Add("10.20.0.0/16");
        var policy = new ArchiveAddressPolicy(Options.Create(options));

        var inside = await policy.ResolveAsync("10.20.3.4", CancellationToken.None);

        Assert.Equal([IPAddress.Parse("10.20.3.4")], inside);
        Assert.True(policy.Allows(IPAddress.Parse("::ffff:10.20.3.4")));
        await Assert.ThrowsAsync<ArchiveUrlRefusedException>(() => policy.ResolveAsync("10.21.0.1", CancellationToken.None));
        await Assert.ThrowsAsync<ArchiveUrlRefusedException>(() => policy.ResolveAsync("localhost", CancellationToken.None));
    }
}
