using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Infra.State;

namespace Stratus.Api.Infra.State;

/// <summary>The problem answers of the state endpoints.</summary>
internal static class StateProblems
{
    public static ProblemHttpResult NoWorkspace(string organization, string workspace) =>
        TypedResults.Problem($"There is no workspace '{workspace}' in organization '{organization}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult NoState(string organization, string workspace) =>
        TypedResults.Problem($"Workspace '{organization}/{workspace}' has no state yet (terraform reads this answer as an empty state).", statusCode: StatusCodes.Status404NotFound, title: "No state");

    public static ProblemHttpResult NoVersion(string version) =>
        TypedResults.Problem($"There is no state version {version}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult NotLocked(string organization, string workspace) =>
        TypedResults.Problem($"The state of '{organization}/{workspace}' is not locked.", statusCode: StatusCodes.Status404NotFound, title: "Not locked");

    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    public static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem($"This endpoint accepts request bodies of at most {maxBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Permission required");

    /// <summary>409 for a state that would not follow the current one, with the current version's serial and lineage to compare.</summary>
    public static ProblemHttpResult NotASuccessor(StateVersion current, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "State conflict", extensions: new Dictionary<string, object?>
        {
            ["currentVersion"] = current.Number,
            ["currentSerial"] = current.Serial,
            ["currentLineage"] = current.Lineage,
        });

    /// <summary>
    /// 423 with the holder's lock info as top-level members: an RFC 7807 problem that terraform's http backend also
    /// reads as the lock info (it prints the holder's ID).
    /// </summary>
    public static ProblemHttpResult Locked(StateLock holder, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status423Locked, title: "State locked", extensions: StateLockResponse.From(holder).ToExtensions());

    public static string Holder(StateLock holder) =>
        $"lock {holder.Id}, {(string.IsNullOrEmpty(holder.Info.Operation) ? "" : holder.Info.Operation + " ")}by {(string.IsNullOrEmpty(holder.Info.Who) ? holder.LockedBy : $"{holder.Info.Who} ({holder.LockedBy})")} since {holder.LockedAt:u}";
}
