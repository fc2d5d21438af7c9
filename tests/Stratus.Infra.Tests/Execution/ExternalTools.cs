namespace Stratus.Infra.Tests.Execution;

/// <summary>Finds the real tools the integration tests drive.</summary>
internal static class ExternalTools
{
    public static string? Terraform { get; } = Find("terraform");

    public static string? Git { get; } = Find("git");

    public static string? Bash { get; } = Find("bash");

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
