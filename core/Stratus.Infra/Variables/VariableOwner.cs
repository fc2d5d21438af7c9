using Stratus.Infra.Workspaces;

namespace Stratus.Infra.Variables;

/// <summary>
/// What a variable belongs to. Workspace variables are keyed by the workspace's stable id, so a deleted workspace's
/// variables never reappear on a new workspace that takes its name.
/// </summary>
public sealed record VariableOwner
{
    private VariableOwner(VariableOwnerKind kind, string organization, string name, string? workspaceId)
    {
        Kind = kind;
        Organization = organization;
        Name = name;
        WorkspaceId = workspaceId;
    }

    public VariableOwnerKind Kind { get; }

    public string Organization { get; }

    /// <summary>The workspace's or collection's name; the organization's name for globals.</summary>
    public string Name { get; }

    /// <summary>The workspace's id (workspace owners only).</summary>
    public string? WorkspaceId { get; }

    public static VariableOwner ForWorkspace(WorkspaceRef workspace) =>
        new(VariableOwnerKind.Workspace, workspace.Organization, workspace.Name, workspace.Id);

    public static VariableOwner ForOrganization(string organization) =>
        new(VariableOwnerKind.Organization, organization, organization, null);

    public static VariableOwner ForCollection(string organization, string collection) =>
        new(VariableOwnerKind.Collection, organization, collection, null);

    /// <summary>Where the API manages this owner's variables, relative to <c>/api/v1</c>.</summary>
    public string ApiPath => Kind switch
    {
        VariableOwnerKind.Workspace => $"/organizations/{Organization}/workspaces/{Name}/variables",
        VariableOwnerKind.Organization => $"/organizations/{Organization}/globals",
        _ => $"/organizations/{Organization}/collections/{Name}/items",
    };

    /// <summary>How people read it in messages: <c>workspace 'net'</c>, <c>organization 'acme' (global)</c>, <c>collection 'aws'</c>.</summary>
    public string Describe() => Kind switch
    {
        VariableOwnerKind.Workspace => $"workspace '{Name}'",
        VariableOwnerKind.Organization => $"organization '{Organization}' (global)",
        _ => $"collection '{Name}'",
    };

    /// <summary>The owner's part of the row keys; distinct owners never share a prefix.</summary>
    internal string Key => Kind switch
    {
        VariableOwnerKind.Workspace => "ws:" + VariableKeys.Escape(WorkspaceId!),
        VariableOwnerKind.Organization => "org",
        _ => "col:" + Name,
    };
}
