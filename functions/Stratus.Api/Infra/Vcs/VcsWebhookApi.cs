using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;
using Stratus.Api.Security;
using Stratus.Infra.Vcs;
using Stratus.Secrets;

namespace Stratus.Api.Infra.Vcs;

/// <summary>
/// The webhook receiver a connection's repositories call. It is public: the signature (GitHub) or token (GitLab) made
/// with the connection's webhook secret is the access check. A delivery that does not verify is refused with 401 and
/// nothing is stored; one that does goes onto the VCS queue as it came, and <see cref="VcsQueueFunction"/> acts on it.
/// </summary>
internal static partial class VcsWebhookApi
{
    public static RouteGroupBuilder MapVcsWebhookApi(this RouteGroupBuilder api)
    {
        api.MapPost(InfraRoutes.Organization + "/vcs/connections/{connection:" + InfraNameRouteConstraint.Name + "}/webhook", ReceiveAsync)
            .WithTags("VCS")
            .WithName("ReceiveVcsWebhook")
            .WithSummary("Receives a GitHub or GitLab webhook delivery (push, pull/merge request) signed with the connection's webhook secret.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .AllowSignedAccess("providers call webhooks without credentials; the HMAC signature (GitHub) or secret token (GitLab) is checked instead");
        return api;
    }

    internal static async Task<Results<Accepted, Ok, ProblemHttpResult>> ReceiveAsync(
        string organization,
        string connection,
        HttpContext context,
        VcsStore store,
        SecretProtector protector,
        VcsQueue queue,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(VcsWebhookApi).FullName!);
        var body = await ReadBodyAsync(context.Request, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(
                $"The payload is larger than {VcsQueue.MaxPayloadBytes / 1024} KiB. Narrow the webhook's events to pushes and pull/merge requests.",
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Payload too large");
        }

        var found = await store.GetConnectionAsync(organization, connection, cancellationToken);
        var headers = context.Request.Headers;
        var verified = found is not null && Verify(found, protector.Unprotect(found.ProtectedWebhookSecret, found.WebhookSecretContext), body, headers);
        if (!verified)
        {
            LogRefused(logger, organization, connection);
            return TypedResults.Problem(
                "The delivery's signature does not verify. Set the webhook's secret (GitHub) or secret token (GitLab) to the connection's webhookSecret, and its URL to this connection's.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Signature required");
        }

        var github = found!.Provider == VcsProviders.GitHub;
        var eventName = (string?)(github ? headers["X-GitHub-Event"] : headers["X-Gitlab-Event"]);
        var deliveryId = (string?)(github ? headers["X-GitHub-Delivery"] : headers["Idempotency-Key"].FirstOrDefault() ?? headers["X-Gitlab-Event-UUID"]);
        if (string.IsNullOrEmpty(eventName) || string.IsNullOrEmpty(deliveryId))
        {
            return ApiProblems.Invalid(github
                ? "The X-GitHub-Event and X-GitHub-Delivery headers are required, as GitHub sends them."
                : "The X-Gitlab-Event header and an Idempotency-Key or X-Gitlab-Event-UUID header are required, as GitLab sends them.");
        }

        if (eventName == "ping")
        {
            return TypedResults.Ok();
        }

        await queue.SendAsync(
            new VcsQueueMessage(VcsQueueMessage.Delivery, organization, connection, eventName, deliveryId, Encoding.UTF8.GetString(body)),
            cancellationToken);
        LogQueued(logger, eventName, deliveryId, organization, connection);
        return TypedResults.Accepted((string?)null);
    }

    private static bool Verify(VcsConnection connection, string secret, byte[] body, IHeaderDictionary headers) =>
        connection.Provider == VcsProviders.GitHub
            ? WebhookSignatures.IsValidGitHub(secret, body, headers["X-Hub-Signature-256"])
            : WebhookSignatures.IsValidGitLab(secret, headers["X-Gitlab-Token"]);

    /// <returns>The raw body (the signature covers its exact bytes), or <c>null</c> when it is larger than a queue message holds.</returns>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > VcsQueue.MaxPayloadBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 8600, Level = LogLevel.Warning, Message = "Refused a webhook delivery for {Organization}/{Connection}: no such connection or a bad signature")]
    private static partial void LogRefused(ILogger logger, string organization, string connection);

    [LoggerMessage(EventId = 8601, Level = LogLevel.Information, Message = "Queued {Event} delivery {DeliveryId} for {Organization}/{Connection}")]
    private static partial void LogQueued(ILogger logger, string @event, string deliveryId, string organization, string connection);
}
