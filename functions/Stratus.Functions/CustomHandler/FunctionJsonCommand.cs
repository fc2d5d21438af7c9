using Stratus.Functions.Functions;

namespace Stratus.Functions.CustomHandler;

/// <summary>
/// <c>Stratus.Functions --generate-function-json &lt;outputDir&gt;</c>: writes every declared function's function.json and
/// exits instead of serving. The publish script runs it on the published executable, so the package always describes
/// the very build it ships.
/// </summary>
internal static class FunctionJsonCommand
{
    public const string OptionName = "--generate-function-json";

    /// <summary>
    /// Runs the command when <paramref name="args"/> asks for it (then the caller must exit; the exit code is set in
    /// <see cref="Environment.ExitCode"/>) and returns <c>true</c>; returns <c>false</c> when it does not.
    /// </summary>
    public static bool TryRun(string[] args, IServiceProvider services)
    {
        if (Execute(args, services, Console.Out, Console.Error) is not { } exitCode)
        {
            return false;
        }

        Environment.ExitCode = exitCode;
        return true;
    }

    /// <summary>The command without process side effects: <c>null</c> when not asked for, else the exit code.</summary>
    public static int? Execute(IReadOnlyList<string> args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (!TryFindOutputDirectory(args, out var outputDirectory))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(outputDirectory))
        {
            error.WriteLine($"usage: Stratus.Functions {OptionName} <outputDir>");
            return 2;
        }

        // Without declarations there is nothing for the host to run; an empty package would deploy "successfully" and do nothing.
        var catalog = services.GetService<FunctionCatalog>();
        if (catalog is null || catalog.Functions.Count == 0)
        {
            error.WriteLine("No functions are declared (FunctionCatalog is empty); nothing to generate.");
            return 1;
        }

        try
        {
            foreach (var path in FunctionJsonGenerator.WriteAll(catalog, Path.GetFullPath(outputDirectory)))
            {
                output.WriteLine($"wrote {path}");
            }

            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or NotSupportedException)
        {
            error.WriteLine($"Could not generate function.json files: {ex.Message}");
            return 1;
        }
    }

    private static bool TryFindOutputDirectory(IReadOnlyList<string> args, out string? outputDirectory)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == OptionName)
            {
                outputDirectory = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[i + 1] : null;
                return true;
            }

            if (args[i].StartsWith(OptionName + "=", StringComparison.Ordinal))
            {
                outputDirectory = args[i][(OptionName.Length + 1)..];
                return true;
            }
        }

        outputDirectory = null;
        return false;
    }
}
