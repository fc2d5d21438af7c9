namespace Stratus.Infra.Execution;

/// <summary>
/// Argument lists for the terraform (or tofu) CLI. All of them are non-interactive and colourless, because the output
/// goes to stored logs. Values that come from users (plan paths, addresses) may not start with '-', so they can never
/// be read as options.
/// </summary>
public static class TerraformCommands
{
    public static IReadOnlyList<string> Init() => ["init", "-input=false", "-no-color"];

    /// <summary><c>plan -detailed-exitcode</c>: read the exit code with <see cref="PlanOutcomes.FromExitCode"/>.</summary>
    public static IReadOnlyList<string> Plan(string planFile, TerraformPlanOptions? options = null)
    {
        options ??= TerraformPlanOptions.Default;
        var arguments = new List<string> { "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=" + Value(planFile, "plan file") };
        if (options.Destroy)
        {
            arguments.Add("-destroy");
        }

        if (options.RefreshOnly)
        {
            arguments.Add("-refresh-only");
        }
        else if (!options.Refresh)
        {
            arguments.Add("-refresh=false");
        }

        foreach (var target in options.Targets ?? [])
        {
            arguments.Add("-target=" + Value(target, "target address"));
        }

        foreach (var address in options.Replace ?? [])
        {
            arguments.Add("-replace=" + Value(address, "replace address"));
        }

        return arguments;
    }

    /// <summary>Applies a saved plan (which needs no approval), or plans and applies at once with <c>-auto-approve</c>.</summary>
    public static IReadOnlyList<string> Apply(string? planFile = null) => planFile is null
        ? ["apply", "-input=false", "-no-color", "-auto-approve"]
        : ["apply", "-input=false", "-no-color", Value(planFile, "plan file")];

    public static IReadOnlyList<string> Destroy() => ["destroy", "-input=false", "-no-color", "-auto-approve"];

    public static IReadOnlyList<string> Output() => ["output", "-json", "-no-color"];

    /// <summary>The state (no argument) or a saved plan, as JSON.</summary>
    public static IReadOnlyList<string> Show(string? planFile = null) => planFile is null
        ? ["show", "-json", "-no-color"]
        : ["show", "-json", "-no-color", Value(planFile, "plan file")];

    private static string Value(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value.StartsWith('-') || value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {what} '{value}' is not valid: it must be non-empty and must not start with '-'.", nameof(value));
        }

        return value;
    }
}
