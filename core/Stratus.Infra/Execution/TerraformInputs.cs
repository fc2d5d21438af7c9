using System.Text;
using System.Text.RegularExpressions;
using Stratus.Processes;

namespace Stratus.Infra.Execution;

/// <summary>
/// Turns resolved variables into what terraform reads: <c>TF_VAR_name</c> for plain terraform variables, a
/// <see cref="TfvarsFileName"/> for HCL ones (an environment variable cannot carry an HCL expression for every type, and
/// JSON cannot carry one at all), environment variables as they are, and the automation settings
/// (<c>TF_IN_AUTOMATION</c>, <c>TF_INPUT</c>, <c>CHECKPOINT_DISABLE</c>) which always win. Also lists the secrets to mask.
/// </summary>
/// <remarks>
/// Terraform ranks <c>*.auto.tfvars</c> above <c>terraform.tfvars</c> and both above <c>TF_VAR_</c> variables, so a
/// tfvars file in the source overrides a plain workspace variable of the same name but not an HCL one. The "zz_"
/// prefix makes this file load after the source's own auto.tfvars files, so it wins over them.
/// </remarks>
public sealed partial class TerraformInputs
{
    public const string TfvarsFileName = "zz_stratus.auto.tfvars";

    private static readonly KeyValuePair<string, string>[] Automation =
    [
        new("TF_IN_AUTOMATION", "1"),
        new("TF_INPUT", "0"),
        new("CHECKPOINT_DISABLE", "1"),
    ];

    private TerraformInputs(IReadOnlyDictionary<string, string> environment, string? tfvars, IReadOnlyList<string> secrets)
    {
        Environment = environment;
        Tfvars = tfvars;
        Secrets = secrets;
    }

    /// <summary>Environment variables for every terraform and script process of the step.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The content of <see cref="TfvarsFileName"/>, or null when there are no HCL variables.</summary>
    public string? Tfvars { get; }

    /// <summary>Values to mask in logs: the sensitive values, and the string literals inside sensitive HCL values.</summary>
    public IReadOnlyList<string> Secrets { get; }

    /// <summary>A masker over <see cref="Secrets"/> plus any <paramref name="extraSecrets"/> (a state API token, say).</summary>
    public LogMasker CreateMasker(params IEnumerable<string> extraSecrets) => new(Secrets.Concat(extraSecrets));

    /// <summary>Later variables with the same key (and kind) replace earlier ones.</summary>
    public static TerraformInputs From(IEnumerable<ResolvedVariable> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var terraform = new Dictionary<string, ResolvedVariable>(StringComparer.Ordinal);
        var secrets = new List<string>();
        foreach (var variable in variables)
        {
            if (variable.IsEnv)
            {
                if (variable.Key.Length == 0 || variable.Key.Contains('=', StringComparison.Ordinal) || variable.Key.Contains('\0', StringComparison.Ordinal))
                {
                    throw new ArgumentException($"The environment variable name '{variable.Key}' is not valid.", nameof(variables));
                }

                environment[variable.Key] = variable.Value;
            }
            else
            {
                if (!IdentifierPattern().IsMatch(variable.Key))
                {
                    throw new ArgumentException($"The terraform variable name '{variable.Key}' is not valid: use letters, digits, '_' and '-', starting with a letter or '_'.", nameof(variables));
                }

                if (variable.Hcl && string.IsNullOrWhiteSpace(variable.Value))
                {
                    throw new ArgumentException($"The HCL variable '{variable.Key}' has no value; an HCL variable needs an expression such as \"text\", 3 or {{ a = 1 }}.", nameof(variables));
                }

                terraform[variable.Key] = variable;
            }

            if (variable.Sensitive)
            {
                secrets.Add(variable.Value);
                if (variable.Hcl && !variable.IsEnv)
                {
                    // Terraform prints the values inside an expression, not the expression: mask the strings too.
                    secrets.AddRange(StringLiterals(variable.Value));
                }
            }
        }

        var tfvars = new StringBuilder();
        foreach (var variable in terraform.Values)
        {
            if (variable.Hcl)
            {
                tfvars.Append(variable.Key).Append(" = ").Append(variable.Value.Trim()).Append('\n');
            }
            else
            {
                environment["TF_VAR_" + variable.Key] = variable.Value;
            }
        }

        foreach (var (name, value) in Automation)
        {
            environment[name] = value;
        }

        var content = tfvars.Length == 0 ? null : "# Written by Stratus for this run: the workspace's HCL variables.\n" + tfvars;
        return new TerraformInputs(environment, content, secrets.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Writes <see cref="TfvarsFileName"/> into the workspace folder when there are HCL variables; returns its path or null.</summary>
    public string? WriteTfvars(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (Tfvars is null)
        {
            return null;
        }

        var path = Path.Combine(directory, TfvarsFileName);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // It may hold decrypted sensitive values: owner only.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options);
        writer.Write(Tfvars);
        return path;
    }

    /// <summary>The contents of the double-quoted strings in an HCL expression, escapes left as written.</summary>
    internal static IEnumerable<string> StringLiterals(string hcl)
    {
        var literals = new List<string>();
        for (var i = 0; i < hcl.Length; i++)
        {
            if (hcl[i] != '"')
            {
                continue;
            }

            var start = i + 1;
            var end = start;
            while (end < hcl.Length && hcl[end] != '"')
            {
                end += hcl[end] == '\\' ? 2 : 1;
            }

            end = Math.Min(end, hcl.Length);
            literals.Add(hcl[start..end].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal));
            i = end;
        }

        return literals;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
