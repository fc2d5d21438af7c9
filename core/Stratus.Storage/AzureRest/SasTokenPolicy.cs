using Azure.Core;
using Azure.Core.Pipeline;

namespace Stratus.Storage.AzureRest;

/// <summary>Appends a shared access signature to every request's query.</summary>
internal sealed class SasTokenPolicy(string sasToken) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var query = message.Request.Uri.Query;
        if (!query.Contains("sig=", StringComparison.Ordinal))
        {
            message.Request.Uri.Query = string.IsNullOrEmpty(query) || query == "?" ? "?" + sasToken : query + "&" + sasToken;
        }
    }
}
