using Azure.Core;

namespace Stratus.Sandbox.ContainerApps;

/// <summary>
/// A job start is not idempotent: a retry after a lost answer would run the step twice. Only a throttled start (429,
/// refused before anything ran) is retried; any other failure surfaces and the name's record decides what happens next.
/// </summary>
internal sealed class StartClassifier : ResponseClassifier
{
    public static readonly StartClassifier Instance = new();

    public override bool IsRetriableResponse(HttpMessage message) => message.Response.Status == 429;

    public override bool IsRetriableException(Exception exception) => false;

    public override bool IsRetriable(HttpMessage message, Exception exception) => false;
}
