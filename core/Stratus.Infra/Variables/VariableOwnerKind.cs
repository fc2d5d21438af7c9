namespace Stratus.Infra.Variables;

/// <summary>Where a variable is defined: on one workspace, organization-wide (a global), or in a collection.</summary>
public enum VariableOwnerKind
{
    Workspace,
    Organization,
    Collection,
}
