using System.CommandLine;
using Stratus.Cli.Input;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Infra;

/// <summary>The options a variable is created or changed with, and the JSON body of those given.</summary>
internal sealed class VariableValueOptions
{
    /// <summary>How a sensitive value shows.</summary>
    public const string Masked = "*** (sensitive)";

    private readonly Option<string?> _value = new("--value", "-v") { Description = "The value." };
    private readonly Option<bool> _valueStdin = new("--value-stdin") { Description = "Read the value from standard input's first line (for secrets)." };
    private readonly Option<string?> _description = new("--description", "-d") { Description = "What the variable is for." };
    private readonly Option<string?> _category = new("--category", "-c") { Description = "terraform (a terraform input variable, the default) or env (an environment variable)." };
    private readonly Option<bool> _sensitive = new("--sensitive") { Description = "Encrypt the value at rest, never show it, and mask it in logs." };
    private readonly Option<bool> _hcl = new("--hcl") { Description = "The value is HCL (a list, a map), not a string." };
    private readonly Option<bool> _noHcl = new("--no-hcl") { Description = "The value is a plain string again (update)." };

    public VariableValueOptions(Command command)
    {
        foreach (var option in new Option[] { _value, _valueStdin, _description, _category, _sensitive, _hcl, _noHcl })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(_value) is not null && result.GetValue(_valueStdin))
            {
                result.AddError("Give --value or --value-stdin, not both.");
            }

            if (result.GetValue(_hcl) && result.GetValue(_noHcl))
            {
                result.AddError("Give --hcl or --no-hcl, not both.");
            }

            if (result.GetValue(_category) is { } category && !IsCategory(category))
            {
                result.AddError($"--category must be terraform or env, not '{category}'.");
            }
        });
    }

    /// <summary>The properties given; those left out stay null, which the client does not send.</summary>
    public VariableRequest Body(CommandCall call) => new()
    {
        Value = call.Get(_valueStdin) ? UserInput.ReadLine(call.Context.Environment, "value") : call.Get(_value),
        Description = call.Get(_description),
        // The API spells categories TERRAFORM and ENV.
        Category = call.Get(_category)?.ToUpperInvariant(),
        Sensitive = call.Get(_sensitive) ? true : null,
        Hcl = call.Get(_hcl) || call.Get(_noHcl) ? call.Get(_hcl) : null,
    };

    private static bool IsCategory(string category) =>
        string.Equals(category, "terraform", StringComparison.OrdinalIgnoreCase) || string.Equals(category, "env", StringComparison.OrdinalIgnoreCase);
}
