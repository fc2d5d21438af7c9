using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Functions.Functions;
using Stratus.Functions.Security;

namespace Stratus.Functions.CustomHandler;

/// <summary>
/// The custom-handler side of non-HTTP triggers: the Functions host fires a timer or dequeues a message and POSTs
/// <c>{"Data":…,"Metadata":…}</c> to <c>/&lt;functionName&gt;</c>. Each declared timer and queue function gets that endpoint.
/// A 2xx completes the invocation; anything else fails it, so the host retries the message and poisons it after
/// <c>maxDequeueCount</c>, exactly as for functions in any other language.
/// </summary>
internal static class CustomHandlerEndpoints
{
    public const string Tag = "CustomHandler";
    private const string InvocationIdHeader = "X-Azure-Functions-InvocationId";
    private const string LoggerCategory = "Stratus.Functions.CustomHandler";

    public static IEndpointRouteBuilder MapCustomHandlerInvocations(this IEndpointRouteBuilder endpoints)
    {
        var catalog = endpoints.ServiceProvider.GetService<FunctionCatalog>();
        if (catalog is null)
        {
            return endpoints;
        }

        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);
        foreach (var function in catalog.Functions)
        {
            var kind = function.Trigger switch
            {
                HttpFunctionTrigger => null,
                QueueFunctionTrigger => RequireHandler<IQueueFunction>(function, "Queue"),
                TimerFunctionTrigger => RequireHandler<ITimerFunction>(function, "Timer"),
                _ => throw new NotSupportedException(
                    $"Function '{function.Name}' has a {function.Trigger.GetType().Name}, which the custom handler cannot invoke yet."),
            };
            if (kind is null)
            {
                // HTTP functions are proxied as the original request (enableProxyingHttpRequest): the API routes serve them.
                continue;
            }

            FunctionNames.EnsureValid(function.Name);
            endpoints.MapPost("/" + function.Name, InvokeAsync)
                .WithMetadata(function)
                .WithName($"CustomHandler{kind}{function.Name}")
                .WithSummary($"Functions host invocation of the {kind.ToLowerInvariant()} function '{function.Name}'")
                .WithTags(Tag)
                .ExcludeFromDescription()
                .AllowFunctionsHostOnly();
            CustomHandlerLog.InvocationEndpointMapped(logger, function.Name, kind);
        }

        return endpoints;
    }

    private static async Task<Results<Ok<CustomHandlerResponse>, JsonHttpResult<CustomHandlerResponse>, ProblemHttpResult>> InvokeAsync(
        HttpContext httpContext,
        IServiceScopeFactory scopeFactory,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var function = httpContext.GetEndpoint()?.Metadata.GetMetadata<FunctionDeclaration>()
            ?? throw new InvalidOperationException("A custom-handler endpoint lost its function declaration metadata.");
        var logger = loggerFactory.CreateLogger(LoggerCategory);
        var invocationId = httpContext.Request.Headers[InvocationIdHeader].FirstOrDefault();

        // The host calls from the same machine. Anyone else POSTing here would be injecting queue messages or firing
        // timers, which matters standalone, where the API may listen on a public address.
        if (httpContext.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            CustomHandlerLog.RemoteInvocationRefused(logger, function.Name, remote.ToString());
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Invocation refused",
                detail: $"Function '{function.Name}' can only be invoked by the local Azure Functions host.");
        }

        object invocation;
        try
        {
            using var document = await JsonDocument.ParseAsync(httpContext.Request.Body, cancellationToken: cancellationToken);
            invocation = function.Trigger switch
            {
                QueueFunctionTrigger queue => InvocationPayloadReader.ReadQueue(document.RootElement, function.Name, queue),
                _ => InvocationPayloadReader.ReadTimer(document.RootElement, function.Name),
            };
        }
        catch (Exception ex) when (ex is JsonException or MalformedInvocationException)
        {
            var reason = ex is JsonException ? $"The request body is not valid JSON: {ex.Message}" : ex.Message;
            CustomHandlerLog.MalformedInvocation(logger, function.Name, invocationId, reason);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed custom-handler invocation",
                detail: $"{reason} Expected the Functions host's payload {{\"Data\":{{\"{BindingName(function)}\":…}},\"Metadata\":{{…}}}}.");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService(function.HandlerType!);
            string summary;
            switch (invocation)
            {
                case QueueInvocation queue:
                    await ((IQueueFunction)handler).RunAsync(queue, cancellationToken);
                    CustomHandlerLog.QueueInvocationCompleted(logger, function.Name, queue.MessageId, queue.DequeueCount, invocationId, ElapsedMs(started));
                    summary = $"Queue function '{function.Name}' handled message '{queue.MessageId}' (dequeue count {queue.DequeueCount}).";
                    break;
                default:
                    var timer = (TimerInvocation)invocation;
                    await ((ITimerFunction)handler).RunAsync(timer, cancellationToken);
                    CustomHandlerLog.TimerInvocationCompleted(logger, function.Name, timer.IsPastDue, invocationId, ElapsedMs(started));
                    summary = $"Timer function '{function.Name}' ran{(timer.IsPastDue ? " (past due)" : string.Empty)}.";
                    break;
            }

            return TypedResults.Ok(CustomHandlerResponse.WithLogs(summary));
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Any handler failure must fail the invocation (non-2xx) so the host's retry and poison rules apply.
            CustomHandlerLog.InvocationFailed(logger, ex, function.Name, invocationId);
            return TypedResults.Json(
                CustomHandlerResponse.WithLogs($"Function '{function.Name}' failed: {ex.GetType().Name}: {ex.Message}"),
                statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private static string RequireHandler<TInterface>(FunctionDeclaration function, string kind)
    {
        if (function.HandlerType is null || !typeof(TInterface).IsAssignableFrom(function.HandlerType))
        {
            throw new InvalidOperationException(
                $"{kind} function '{function.Name}' needs a handler type implementing {typeof(TInterface).Name}; it has {function.HandlerType?.Name ?? "none"}.");
        }

        return kind;
    }

    private static string BindingName(FunctionDeclaration function) =>
        function.Trigger is QueueFunctionTrigger ? CustomHandlerBindings.Queue : CustomHandlerBindings.Timer;

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
