using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;
using Stratus.Storage;

namespace Stratus.Standalone.Tls;

/// <summary>
/// HTTPS for the standalone host. A certificate configured the Kestrel way (<c>Kestrel:Certificates:Default:Path</c>
/// and <c>KeyPath</c>, or a PFX with its <c>Password</c>) is used as Kestrel loads it; without one, every HTTPS address
/// gets a certificate from the <see cref="LocalCertificateAuthority"/> in the data folder.
/// </summary>
internal static class StandaloneHttps
{
    public const string DefaultCertificateSection = "Kestrel:Certificates:Default";

    public static IWebHostBuilder UseStratusHttps(this IWebHostBuilder webHost)
    {
        webHost.ConfigureServices((context, services) =>
        {
            services.AddOptions<TlsOptions>().Bind(context.Configuration.GetSection(TlsOptions.Section)).ValidateOnStart();
            services.AddSingleton<IValidateOptions<TlsOptions>, TlsOptionsValidator>();
            services.AddSingleton(provider => new LocalCertificateAuthority(
                Path.Combine(Path.GetFullPath(provider.GetRequiredService<IOptions<StorageOptions>>().Value.DataPath), "tls"),
                provider.GetRequiredService<TimeProvider>()));
        });
        webHost.ConfigureKestrel((context, kestrel) =>
        {
            if (context.Configuration.GetSection(DefaultCertificateSection).Exists())
            {
                return;
            }

            kestrel.ConfigureHttpsDefaults(https => UseLocalCertificate(https, kestrel.ApplicationServices, context.Configuration));
        });
        return webHost;
    }

    /// <summary>Whether HTTPS addresses get the local CA's certificate (no certificate is configured).</summary>
    public static bool UsesLocalCertificate(IConfiguration configuration) => !configuration.GetSection(DefaultCertificateSection).Exists();

    private static void UseLocalCertificate(HttpsConnectionAdapterOptions https, IServiceProvider services, IConfiguration configuration)
    {
        if (https.ServerCertificate is not null || https.ServerCertificateSelector is not null)
        {
            return;
        }

        var options = services.GetRequiredService<IOptions<TlsOptions>>().Value;
        https.ServerCertificate = services.GetRequiredService<LocalCertificateAuthority>().ServerCertificate(options.HostNamesFor(ListenAddress.ResolveHttps(configuration)));
    }
}
