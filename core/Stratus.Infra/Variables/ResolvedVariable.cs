namespace Stratus.Infra.Variables;

/// <summary>One variable a run gets: its key and plain value, whether it is an environment variable (else a Terraform variable), HCL or sensitive, and where it is defined.</summary>
public sealed record ResolvedVariable(string Key, string Value, bool IsEnv, bool Hcl, bool Sensitive, VariableOwnerKind Owner = VariableOwnerKind.Workspace);
