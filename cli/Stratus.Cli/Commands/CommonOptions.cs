using System.CommandLine;

namespace Stratus.Cli.Commands;

/// <summary>Options several commands take, spelled the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<int?> ExpiresInDays() => new("--expires-in-days")
    {
        Description = "Days until the token expires (default and maximum come from the server's settings).",
    };

    public static Option<bool> PasswordStdin(string description) => new("--password-stdin") { Description = description };
}
