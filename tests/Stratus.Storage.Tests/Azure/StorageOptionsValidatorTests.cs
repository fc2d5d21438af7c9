using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Stratus.Storage.Tests.Azure;

/// <summary>The Azure settings are checked at start, with messages that name the setting to fix.</summary>
public sealed class StorageOptionsValidatorTests
{
    [Fact]
    public void Resolve_ManagedIdentityCredentialWithAccountName_CreatesAzureAccount()
    {
        using var services = Build(new()
        {
            ["Stratus:Storage:Provider"] = "Azure",
            ["AzureWebJobsStorage:accountName"] = "acme",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        var account = services.GetRequiredService<IStorageAccount>();

        Assert.Equal("azure:acme", account.Description);
    }

    [Fact]
    public void Resolve_UnknownCredential_FailsNamingTheSetting()
    {
        using var services = Build(new()
        {
            ["Stratus:Storage:Provider"] = "Azure",
            ["AzureWebJobsStorage:accountName"] = "acme",
            ["AzureWebJobsStorage:credential"] = "password",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("AzureWebJobsStorage__credential", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ConnectionStringWithoutKeyOrSas_FailsWithClearMessage()
    {
        using var services = Build(new()
        {
            ["Stratus:Storage:Provider"] = "Azure",
            ["AzureWebJobsStorage"] = "AccountName=acme",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("neither AccountKey nor SharedAccessSignature", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AzureWithNoAccount_FailsNamingBothForms()
    {
        using var services = Build(new() { ["Stratus:Storage:Provider"] = "Azure" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("AzureWebJobsStorage__accountName", ex.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddStratusStorage(configuration).BuildServiceProvider();
    }
}
