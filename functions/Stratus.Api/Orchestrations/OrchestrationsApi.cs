using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Stratus.Durable;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;

namespace Stratus.Api.Orchestrations;

/// <summary>
/// The operator API for durable orchestration instances, after Durable Functions' instance management HTTP API: list
/// and read instances and their history, raise events, terminate, suspend, resume and purge. It works on whatever
/// orchestrators the app registers. The Durable Task client does the work: standalone, <see cref="StratusDurableTaskClient"/>
/// on the configured backend; in the Azure app, the client the Durable Functions extension hands each invocation.
/// </summary>
internal static class OrchestrationsApi
{
    public const string Path = "/orchestrations";

    public static RouteGroupBuilder MapOrchestrationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup(Path).WithTags("Orchestrations");
        group.MapGet("/", ListInstances)
            .WithName("ListOrchestrations")
            .WithSummary("Orchestration instances, filtered by status, instance id prefix and creation time, paged.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequirePermission(PermissionNames.OrchestrationRead);
        group.MapGet("/{instanceId}", GetInstance)
            .WithName("GetOrchestration")
            .WithSummary("An instance's status, input (unless showInput=false), output, custom status and failure.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.OrchestrationRead);
        group.MapGet("/{instanceId}/history", GetHistory)
            .WithName("GetOrchestrationHistory")
            .WithSummary("The current execution's history events, oldest first.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.OrchestrationRead);
        group.MapPost("/{instanceId}/events/{eventName}", RaiseEvent)
            .WithName("RaiseOrchestrationEvent")
            .WithSummary("Sends an external event to an instance; the JSON body is its payload (no body: null).")
            .Accepts<JsonElement>(isOptional: true, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.OrchestrationManage);
        group.MapPost("/{instanceId}/terminate", Terminate)
            .WithName("TerminateOrchestration")
            .WithSummary("Stops an instance wherever it is waiting; a finished instance is left as it is.")
            .Accepts<OrchestrationReason>(isOptional: true, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequirePermission(PermissionNames.OrchestrationManage);
        group.MapPost("/{instanceId}/suspend", Suspend)
            .WithName("SuspendOrchestration")
            .WithSummary("Holds an instance: events wait and timers do not fire until it is resumed.")
            .Accepts<OrchestrationReason>(isOptional: true, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.OrchestrationManage);
        group.MapPost("/{instanceId}/resume", Resume)
            .WithName("ResumeOrchestration")
            .WithSummary("Resumes a suspended instance.")
            .Accepts<OrchestrationReason>(isOptional: true, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.OrchestrationManage);
        group.MapDelete("/{instanceId}", Purge)
            .WithName("PurgeOrchestration")
            .WithSummary("Deletes a finished instance with its history and payloads.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequirePermission(PermissionNames.OrchestrationManage);
        return api;
    }

    internal static async Task<Results<Ok<OrchestrationInstancePage>, ProblemHttpResult>> ListInstances(
        DurableTaskClient client,
        [FromQuery] string[]? status,
        string? instanceIdPrefix,
        string? createdFrom,
        string? createdTo,
        string? pageSize,
        string? continuationToken,
        string? showInput,
        CancellationToken cancellationToken)
    {
        if (OrchestrationQueryParameters.TryParseStatuses(status, out var statuses) is { } statusProblem)
        {
            return BadRequest("Invalid status", statusProblem);
        }

        if (OrchestrationQueryParameters.TryParseDate(nameof(createdFrom), createdFrom, out var from) is { } fromProblem)
        {
            return BadRequest("Invalid createdFrom", fromProblem);
        }

        if (OrchestrationQueryParameters.TryParseDate(nameof(createdTo), createdTo, out var to) is { } toProblem)
        {
            return BadRequest("Invalid createdTo", toProblem);
        }

        if (from >= to)
        {
            return BadRequest("Invalid creation range", $"createdFrom ({from:O}) must be earlier than createdTo ({to:O}); the range includes createdFrom and excludes createdTo.");
        }

        if (OrchestrationQueryParameters.TryParsePageSize(pageSize, out var size) is { } sizeProblem)
        {
            return BadRequest("Invalid pageSize", sizeProblem);
        }

        if (OrchestrationQueryParameters.TryParseFlag(nameof(showInput), showInput, defaultValue: false, out var includeInput) is { } showProblem)
        {
            return BadRequest("Invalid showInput", showProblem);
        }

        var query = new OrchestrationQuery
        {
            Statuses = statuses,
            InstanceIdPrefix = string.IsNullOrEmpty(instanceIdPrefix) ? null : instanceIdPrefix,
            CreatedFrom = from,
            CreatedTo = to,
            PageSize = size,
            ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken,
            FetchInputsAndOutputs = includeInput,
        };
        try
        {
            await foreach (var page in client.GetAllInstancesAsync(query).AsPages(query.ContinuationToken, size).WithCancellation(cancellationToken))
            {
                var items = page.Values.Select(i => OrchestrationInstance.From(i, includeInput)).ToList();
                return TypedResults.Ok(new OrchestrationInstancePage(items, page.ContinuationToken));
            }

            return TypedResults.Ok(new OrchestrationInstancePage([], null));
        }
        catch (Exception ex) when (query.ContinuationToken is not null && ex is FormatException or ArgumentException or JsonException)
        {
            return BadRequest("Invalid continuation token", $"The continuation token is not one this API returned: {ex.Message} Start again without it.");
        }
    }

    internal static async Task<Results<Ok<OrchestrationInstance>, ProblemHttpResult>> GetInstance(
        DurableTaskClient client, string instanceId, string? showInput, CancellationToken cancellationToken)
    {
        if (InvalidInstanceId(instanceId) is { } invalid)
        {
            return invalid;
        }

        if (OrchestrationQueryParameters.TryParseFlag(nameof(showInput), showInput, defaultValue: true, out var includeInput) is { } showProblem)
        {
            return BadRequest("Invalid showInput", showProblem);
        }

        // Input and output are read together; the output is always shown.
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return metadata is null ? NotFound(instanceId) : TypedResults.Ok(OrchestrationInstance.From(metadata, includeInput));
    }

    internal static async Task<Results<Ok<IReadOnlyList<JsonObject>>, ProblemHttpResult>> GetHistory(
        DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        if (InvalidInstanceId(instanceId) is { } invalid)
        {
            return invalid;
        }

        try
        {
            // A pending instance has no history yet: an empty list. Only a missing one is a 404.
            var history = await OrchestrationHistoryJson.ReadAsync(client, instanceId, cancellationToken);
            return TypedResults.Ok<IReadOnlyList<JsonObject>>([.. history.Select(OrchestrationHistoryJson.ToJson)]);
        }
        catch (Exception ex) when (ex is InstanceNotFoundException or ArgumentException)
        {
            // Ours throws InstanceNotFoundException; the SDK's contract for other clients is an ArgumentException.
            return NotFound(instanceId);
        }
    }

    internal static async Task<Results<Accepted, ProblemHttpResult>> RaiseEvent(
        DurableTaskClient client, ILoggerFactory loggerFactory, HttpRequest request, string instanceId, string eventName, CancellationToken cancellationToken)
    {
        if (InvalidInstanceId(instanceId) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(eventName))
        {
            return BadRequest("Invalid event name", "The event name is blank; name the event the orchestrator waits for, e.g. .../events/approval.");
        }

        var (payload, bodyProblem) = await OrchestrationRequestBody.ReadJsonAsync(request, cancellationToken);
        if (bodyProblem is not null)
        {
            return BadRequest("Invalid event payload", bodyProblem);
        }

        try
        {
            await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        }
        catch (InstanceNotFoundException)
        {
            return NotFound(instanceId);
        }
        catch (InstanceStateConflictException ex)
        {
            return Conflict($"{ex.Message} Only pending, running or suspended instances accept this request.");
        }

        OrchestrationsApiLog.EventRaised(Logger(loggerFactory), eventName, instanceId);
        return Accepted(instanceId);
    }

    internal static Task<Results<Accepted, ProblemHttpResult>> Terminate(
        DurableTaskClient client, ILoggerFactory loggerFactory, HttpRequest request, string instanceId, CancellationToken cancellationToken) =>
        RequestChangeAsync(
            request,
            instanceId,
            reason => client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(reason), cancellationToken),
            () => OrchestrationsApiLog.TerminateRequested(Logger(loggerFactory), instanceId),
            cancellationToken);

    internal static Task<Results<Accepted, ProblemHttpResult>> Suspend(
        DurableTaskClient client, ILoggerFactory loggerFactory, HttpRequest request, string instanceId, CancellationToken cancellationToken) =>
        RequestChangeAsync(
            request,
            instanceId,
            reason => client.SuspendInstanceAsync(instanceId, reason, cancellationToken),
            () => OrchestrationsApiLog.SuspendRequested(Logger(loggerFactory), instanceId),
            cancellationToken);

    internal static Task<Results<Accepted, ProblemHttpResult>> Resume(
        DurableTaskClient client, ILoggerFactory loggerFactory, HttpRequest request, string instanceId, CancellationToken cancellationToken) =>
        RequestChangeAsync(
            request,
            instanceId,
            reason => client.ResumeInstanceAsync(instanceId, reason, cancellationToken),
            () => OrchestrationsApiLog.ResumeRequested(Logger(loggerFactory), instanceId),
            cancellationToken);

    internal static async Task<Results<NoContent, ProblemHttpResult>> Purge(
        DurableTaskClient client, ILoggerFactory loggerFactory, string instanceId, CancellationToken cancellationToken)
    {
        if (InvalidInstanceId(instanceId) is { } invalid)
        {
            return invalid;
        }

        try
        {
            if ((await client.PurgeInstanceAsync(instanceId, cancellation: cancellationToken)).PurgedInstanceCount == 0)
            {
                return NotFound(instanceId);
            }
        }
        catch (InstanceStateConflictException ex)
        {
            return Conflict($"{ex.Message} (POST {InstancePath(instanceId)}/terminate, wait for it to be Terminated, then purge.)");
        }

        OrchestrationsApiLog.Purged(Logger(loggerFactory), instanceId);
        return TypedResults.NoContent();
    }

    /// <summary>Terminate, suspend and resume: an optional <c>{"reason"}</c> body, then the client call, then 202.</summary>
    private static async Task<Results<Accepted, ProblemHttpResult>> RequestChangeAsync(
        HttpRequest request, string instanceId, Func<string?, Task> change, Action logRequested, CancellationToken cancellationToken)
    {
        if (InvalidInstanceId(instanceId) is { } invalid)
        {
            return invalid;
        }

        var (body, bodyProblem) = await OrchestrationRequestBody.ReadReasonAsync(request, cancellationToken);
        if (bodyProblem is not null)
        {
            return BadRequest("Invalid request body", bodyProblem);
        }

        try
        {
            await change(body?.Reason);
        }
        catch (InstanceNotFoundException)
        {
            return NotFound(instanceId);
        }
        catch (InstanceStateConflictException ex)
        {
            return Conflict($"{ex.Message} Only pending, running or suspended instances accept this request.");
        }

        logRequested();
        return Accepted(instanceId);
    }

    private static ILogger Logger(ILoggerFactory loggerFactory) => loggerFactory.CreateLogger(typeof(OrchestrationsApi));

    private static string InstancePath(string instanceId) =>
        $"{ApiEndpointRouteBuilderExtensions.ApiPrefix}{Path}/{Uri.EscapeDataString(instanceId)}";

    /// <summary>202 pointing at the instance's status, where the change shows once the instance's worker has applied it.</summary>
    private static Accepted Accepted(string instanceId) => TypedResults.Accepted(InstancePath(instanceId));

    private static ProblemHttpResult? InvalidInstanceId(string instanceId) => InstanceIds.IsValid(instanceId)
        ? null
        : TypedResults.Problem(
            $"'{instanceId}' is not a valid instance id, so no instance has it. Instance ids are 1-{InstanceIds.MaxLength} letters, digits and . _ : @ -, starting with a letter or digit.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Orchestration instance not found");

    private static ProblemHttpResult NotFound(string instanceId) => TypedResults.Problem(
        $"There is no orchestration instance '{instanceId}'. Check the id with GET {ApiEndpointRouteBuilderExtensions.ApiPrefix}{Path}; a purged instance is gone for good.",
        statusCode: StatusCodes.Status404NotFound,
        title: "Orchestration instance not found");

    private static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status409Conflict, title: "Orchestration instance state conflict");

    private static ProblemHttpResult BadRequest(string title, string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status400BadRequest, title: title);
}
