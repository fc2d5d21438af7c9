using Microsoft.Extensions.Options;
using Stratus.Infra.Variables;
using Stratus.Secrets;

namespace Stratus.Api.Infra.Variables;

internal static class VariablesServiceCollectionExtensions
{
    /// <summary>The secret key (validated at start), the variable and collection stores and the resolver.</summary>
    public static IServiceCollection AddStratusVariables(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecretKeyOptions>()
            .Bind(configuration.GetSection(SecretKeyOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecretKeyOptions>, SecretKeyOptionsValidator>();
        services.AddSingleton(CreateProtector);
        services.AddHostedService<SecretKeyStartupCheck>();
        return services;
    }

    private static SecretProtector CreateProtector(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SecretKeyOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecretProtector).FullName!);
        var retired = new Dictionary<string, string>(options.RetiredSecretKeys, StringComparer.Ordinal);
        SecretProtectorOptions core;
        if (!string.IsNullOrWhiteSpace(options.SecretKey))
        {
            core = new SecretProtectorOptions { Key = options.SecretKey, KeyId = options.SecretKeyId, RetiredKeys = retired };
        }
        else
        {
            var local = SecretKeyOptions.IsLocal(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>());
            var path = options.SecretKeyFile ?? SecretKeyOptions.DefaultKeyFile()
                ?? throw new InvalidOperationException($"{SecretKeyOptions.SettingPrefix}SecretKey or {SecretKeyOptions.SettingPrefix}SecretKeyFile is required.");
            var (content, created, tooOpen) = SecretKeyFile.LoadOrCreate(path, create: local, services.GetRequiredService<TimeProvider>());
            if (created)
            {
                VariablesLog.GeneratedLocalKey(logger, content.KeyId, path);
            }

            if (tooOpen)
            {
                VariablesLog.KeyFileTooOpen(logger, path);
            }

            if (options.SecretKeyFile is null)
            {
                VariablesLog.UsingLocalKey(logger, content.KeyId, path);
            }

            core = new SecretProtectorOptions { Key = content.Key, KeyId = content.KeyId, RetiredKeys = retired };
        }

        try
        {
            var protector = new SecretProtector(core);
            VariablesLog.KeyConfigured(logger, protector.ActiveKeyId, retired.Count);
            return protector;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(ex.Message, ex);
        }
    }
}
