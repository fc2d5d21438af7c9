using Microsoft.AspNetCore.Hosting;
using Stratus.Testing.Hosting;

namespace Stratus.Api.Tests.Apps.Operations;

/// <summary>The API with app archive limits small enough that a real gzip bomb against them is cheap to build.</summary>
public sealed class SmallArchiveLimitsApi : StratusApiFactory
{
    public const long MaxFileBytes = 24L * 1024 * 1024;
    public const long MaxUnpackedBytes = 40L * 1024 * 1024;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Stratus:Apps:Pipeline:MaxFileBytes", MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Stratus:Apps:Pipeline:MaxUnpackedBytes", MaxUnpackedBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
