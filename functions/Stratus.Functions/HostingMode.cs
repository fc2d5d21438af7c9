namespace Stratus.Functions;

internal static class HostingMode
{
    /// <summary>The Functions host sets <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>; then it fires the triggers, not we.</summary>
    public static bool IsUnderFunctionsHost(IConfiguration configuration) => !string.IsNullOrEmpty(configuration["FUNCTIONS_CUSTOMHANDLER_PORT"]);
}
