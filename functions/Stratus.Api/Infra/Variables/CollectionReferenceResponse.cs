using Stratus.Infra.Variables;

namespace Stratus.Api.Infra.Variables;

/// <summary>A workspace a collection applies to.</summary>
internal sealed record CollectionReferenceResponse(string Collection, string Workspace, string WorkspaceId, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static CollectionReferenceResponse From(CollectionReference reference) =>
        new(reference.Collection, reference.WorkspaceName, reference.WorkspaceId, reference.CreatedAt, reference.CreatedBy);
}
