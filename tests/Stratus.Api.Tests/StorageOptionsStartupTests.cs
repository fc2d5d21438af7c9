using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Stratus.Api.Tests;

public sealed class StorageOptionsStartupTests
{
    [Fact]
    public void Start_AzureProviderWithMalformedConnectionString_FailsWithClearMessage()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Stratus:Storage:Provider", "Azure");
            builder.UseSetting("AzureWebJobsStorage", "AccountName=acme;AccountKey");
        });

        var ex = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("malformed part", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_AzureProviderWithoutAccount_FailsNamingTheSettings()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            builder.UseSetting("Stratus:Storage:Provider", "Azure"));

        var ex = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("AzureWebJobsStorage__accountName", ex.Message, StringComparison.Ordinal);
    }
}
