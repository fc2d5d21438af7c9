using Microsoft.Azure.Functions.Worker.Builder;

namespace Stratus.AzureFunctions;

/// <summary>
/// The isolated worker's entry point. A named class, not top-level statements, so that tests which reference both
/// hosts see one global <c>Program</c>: the standalone host's.
/// </summary>
internal static class Program
{
    public static void Main(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddStratusAzureFunctions(builder.Configuration);
        builder.Build().Run();
    }
}
