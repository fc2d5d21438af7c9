using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Stratus.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IStorageAccount"/> from <c>Stratus:Storage</c>, reading the Azure connection the way the
    /// Functions host does: <c>AzureWebJobsStorage</c> (connection string) or <c>AzureWebJobsStorage__accountName</c>,
    /// <c>__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>, <c>__credential</c>, <c>__clientId</c>.
    /// Validated at start.
    /// </summary>
    public static IServiceCollection AddStratusStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .Configure(options => ApplyFunctionsConvention(options, configuration.GetSection("AzureWebJobsStorage")))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton(sp => StorageAccountFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static void ApplyFunctionsConvention(StorageOptions options, IConfigurationSection webJobs)
    {
        options.ConnectionString ??= string.IsNullOrWhiteSpace(webJobs.Value) ? null : webJobs.Value;
        options.AccountName ??= webJobs["accountName"];
        options.ClientId ??= webJobs["clientId"];
        options.Credential ??= webJobs["credential"];
        options.BlobServiceUri ??= Uri(webJobs["blobServiceUri"]);
        options.QueueServiceUri ??= Uri(webJobs["queueServiceUri"]);
        options.TableServiceUri ??= Uri(webJobs["tableServiceUri"]);
    }

    private static Uri? Uri(string? value) => System.Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
