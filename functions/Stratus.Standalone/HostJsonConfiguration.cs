using Microsoft.Extensions.Configuration.Memory;

namespace Stratus.Standalone;

internal static class HostJsonConfiguration
{
    /// <summary>The key prefix under which the Functions host exposes host.json (and accepts overrides such as
    /// <c>AzureFunctionsJobHost__extensions__queues__batchSize</c>).</summary>
    public const string Prefix = "AzureFunctionsJobHost";

    /// <summary>
    /// Reads the host.json shipped beside the executable under <see cref="Prefix"/>, as the lowest-priority source,
    /// so standalone triggers follow the very settings the Functions host applies in Azure and environment variables
    /// still override them.
    /// </summary>
    public static IConfigurationManager AddHostJson(this IConfigurationManager configuration, string? path = null)
    {
        path ??= Path.Combine(AppContext.BaseDirectory, "host.json");
        if (!File.Exists(path))
        {
            return configuration;
        }

        var hostJson = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();
        var values = hostJson.AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Select(pair => new KeyValuePair<string, string?>($"{Prefix}:{pair.Key}", pair.Value));
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
        return configuration;
    }
}
