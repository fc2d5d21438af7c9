using Stratus.Infra.Variables;

namespace Stratus.Infra.Execution;

/// <summary>
/// A variable after workspace/global/collection resolution, with sensitive values already decrypted.
/// </summary>
/// <param name="Key">The terraform variable name, or the environment variable name when <paramref name="IsEnv"/>.</param>
/// <param name="Value">The value: a plain string, or an HCL expression when <paramref name="Hcl"/>.</param>
/// <param name="IsEnv">An environment variable rather than a terraform variable.</param>
/// <param name="Hcl">The value is an HCL expression (a map, a list, a number); terraform variables only.</param>
/// <param name="Sensitive">The value is masked in every log line.</param>
/// <param name="Owner">Where it is defined: template inputs (inputsEnv, inputsTerraform) decide which globals and collections a step loads.</param>
public sealed record ResolvedVariable(string Key, string Value, bool IsEnv, bool Hcl, bool Sensitive, VariableOwnerKind Owner = VariableOwnerKind.Workspace)
{
    // Keep decrypted values out of logs and exception messages that print the record.
    public override string ToString() => $"ResolvedVariable {{ Key = {Key}, IsEnv = {IsEnv}, Hcl = {Hcl}, Sensitive = {Sensitive} }}";
}
