namespace Stratus.Cli;

/// <summary>
/// The process entry point. Not top-level statements: their generated <c>Program</c> would clash with the API's
/// <c>Program</c> in tests that reference both.
/// </summary>
internal static class EntryPoint
{
    public static Task<int> Main(string[] args) => new StratusCli(CliEnvironment.FromProcess()).RunAsync(args);
}
