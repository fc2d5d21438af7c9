using System.Text.Json;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Infra.State;

namespace Stratus.Api.Infra.Tfe;

/// <summary>
/// State versions on the Stratus state store: the current one and its download (terraform state pull, and the state a
/// cloud block reads), and a new one (terraform state push, migration), which HCP Terraform accepts only from the holder
/// of the workspace lock. A running job's state lock refuses it too, so a push never lands in the middle of an apply.
/// </summary>
internal static class TfeStateEndpoints
{
    /// <summary>The state travels base64 inside JSON, so the body may be a third larger than the largest state, plus the document.</summary>
    public const long MaxBodyBytes = (StateStoreOptions.DefaultMaxStateBytes / 3 * 4) + (1024 * 1024);

    public static async Task<IResult> Current(string workspaceId, HttpContext context, TfeAccess access, StateStore states, CancellationToken cancellationToken)
    {
        var (workspace, problem) = await access.FindByIdAsync(context, workspaceId, PermissionNames.StateRead, "read this workspace's state", cancellationToken);
        if (workspace is null)
        {
            return problem!;
        }

        return await states.GetCurrentAsync(workspace.Organization, workspace.Name, cancellationToken) is { } current
            ? TfeJson.Document(TfeDocuments.StateVersion(workspace.Organization, workspace.Name, current, TfeApi.BaseUrl(context.Request)))
            : TfeProblems.NotFound($"Workspace '{workspace.Name}' has no state yet.");
    }

    public static async Task<IResult> Download(string stateVersionId, HttpContext context, TfeAccess access, StateStore states, CancellationToken cancellationToken)
    {
        var notFound = TfeProblems.NotFound($"There is no state version '{stateVersionId}' that you may read.");
        if (TfeIds.ParseNumbered(TfeIds.StateVersionPrefix, stateVersionId) is not var (organization, workspace, number)
            || (await access.FindAsync(context, organization, workspace, cancellationToken)).Problem is not null)
        {
            return notFound;
        }

        if (await access.RequireAsync(context, PermissionNames.StateRead, organization, workspace, "read this workspace's state", cancellationToken) is { } refused)
        {
            return refused;
        }

        var content = await states.OpenVersionAsync(organization, workspace, number, cancellationToken);
        if (content is null)
        {
            return notFound;
        }

        context.Response.RegisterForDisposeAsync(content);
        return TypedResults.Stream(content.Content, "application/json");
    }

    public static async Task<IResult> Create(string workspaceId, HttpContext context, TfeAccess access, StateStore states, CancellationToken cancellationToken)
    {
        var (workspace, problem) = await access.FindByIdAsync(context, workspaceId, PermissionNames.StateWrite, "write this workspace's state", cancellationToken);
        if (workspace is null)
        {
            return problem!;
        }

        var (data, invalid) = await TfeJson.ReadDataAsync(context.Request, "state-versions", cancellationToken, MaxBodyBytes);
        if (invalid is not null)
        {
            return invalid;
        }

        // go-tfe first sends the metadata alone (for an upload URL); this answer makes terraform send the state inline.
        if (TfeJson.Attribute(data, "state") is not { ValueKind: JsonValueKind.String } encoded)
        {
            return TfeProblems.Invalid("/data/attributes/state", "param is missing or the value is empty: state. Send the state base64-encoded in \"state\".");
        }

        byte[] content;
        try
        {
            content = Convert.FromBase64String(encoded.GetString()!);
        }
        catch (FormatException)
        {
            return TfeProblems.Invalid("/data/attributes/state", "\"state\" is not valid base64.");
        }

        string? md5 = null;
        if (TfeJson.Attribute(data, "md5") is { } hex)
        {
            if (hex.ValueKind != JsonValueKind.String || hex.GetString() is not { Length: 32 } text || !text.All(char.IsAsciiHexDigit))
            {
                return TfeProblems.Invalid("/data/attributes/md5", "\"md5\" must be the state's MD5 as 32 hexadecimal digits.");
            }

            md5 = Convert.ToBase64String(Convert.FromHexString(text));
        }

        var caller = context.GetCaller().Describe();
        if (!workspace.Locked || workspace.LockedBy != caller)
        {
            return TfeProblems.Conflict(workspace.Locked
                ? $"Workspace '{workspace.Name}' is locked by {workspace.LockedBy}, not you: only the lock's holder may create a state version."
                : $"Lock workspace '{workspace.Name}' first (POST /api/tfe/v2/workspaces/{workspaceId}/actions/lock): a state version is created only under the workspace lock.");
        }

        var force = TfeJson.Attribute(data, "force") is { ValueKind: JsonValueKind.True };
        if (force && await access.RequireAsync(context, PermissionNames.StateManage, workspace.Organization, workspace.Name, "force a state version over the current one", cancellationToken) is { } noForce)
        {
            return noForce;
        }

        var result = await states.WriteAsync(
            new StateWriteRequest(workspace.Organization, workspace.Name, content, caller) { Source = StateSources.Tfe, ContentMd5 = md5, Force = force },
            cancellationToken);
        return result.Status switch
        {
            StateWriteStatus.Created or StateWriteStatus.Unchanged =>
                TfeJson.Document(TfeDocuments.StateVersion(workspace.Organization, workspace.Name, result.Version!, TfeApi.BaseUrl(context.Request)), StatusCodes.Status201Created),
            StateWriteStatus.Locked => TfeProblems.Conflict($"The state is locked by {result.Lock?.LockedBy ?? "a run"} (lock {result.Lock?.Id}): a run is using it. Wait for the run to end."),
            StateWriteStatus.Conflict => TfeProblems.Conflict(result.Problem ?? "The state does not follow the current version."),
            StateWriteStatus.TooLarge => TfeProblems.Problem(StatusCodes.Status413PayloadTooLarge, "State too large", result.Problem ?? "The state is too large."),
            _ => TfeProblems.Invalid("/data/attributes/state", result.Problem ?? "The state is not a terraform state."),
        };
    }
}
