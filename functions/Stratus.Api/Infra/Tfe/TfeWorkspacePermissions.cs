namespace Stratus.Api.Infra.Tfe;

/// <summary>What the caller may do with a workspace, as the TFE workspace's <c>permissions</c> tell terraform.</summary>
internal sealed record TfeWorkspacePermissions(bool CanPlan, bool CanApply, bool CanManage, bool CanReadState, bool CanWriteState);
