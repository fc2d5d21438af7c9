using Azure.Core;
using Azure.Core.Pipeline;

namespace Stratus.Sandbox.ContainerApps;

/// <summary>
/// The two HTTP pipelines the driver talks through, each with Azure.Core's retry policy and a bearer token from the
/// configured credential for its own audience.
/// </summary>
internal static class ContainerAppsPipelines
{
    public const string ManagementScope = "https://management.azure.com/.default";
    public const string LogAnalyticsScope = "https://api.loganalytics.io/.default";

    public static HttpPipeline Create(TokenCredential credential, string scope, ContainerAppsPipelineOptions options) =>
        HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, scope));
}
