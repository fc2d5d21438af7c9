using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Stratus.Storage.AzureRest;

/// <summary>
/// Signs each attempt with the account key (SharedKey). It runs per retry because the signature covers
/// <c>x-ms-date</c>, which must be fresh on every attempt.
/// </summary>
internal sealed class SharedKeySigningPolicy(string accountName, byte[] accountKey, bool tableService) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);
        var stringToSign = tableService ? TableStringToSign(request, date) : BlobQueueStringToSign(request);
        using var hmac = new HMACSHA256(accountKey);
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{signature}");
    }

    private string TableStringToSign(Request request, string date)
    {
        var resource = new StringBuilder("/").Append(accountName).Append(request.Uri.Path);
        var comp = QueryParameters(request.Uri.ToUri()).FirstOrDefault(p => p.Key == "comp");
        if (comp.Key is not null)
        {
            resource.Append("?comp=").Append(comp.Value);
        }

        return string.Join('\n', request.Method.Method, Header(request, "Content-MD5"), Header(request, "Content-Type"), date, resource.ToString());
    }

    private string BlobQueueStringToSign(Request request)
    {
        long length = 0;
        var hasLength = request.Content is not null && request.Content.TryComputeLength(out length);
        var builder = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(hasLength && length > 0 ? length.ToString(CultureInfo.InvariantCulture) : string.Empty).Append('\n')
            .Append(Header(request, "Content-MD5")).Append('\n')
            .Append(Header(request, "Content-Type")).Append('\n')
            .Append('\n') // Date: x-ms-date is used instead.
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        builder.Append('/').Append(accountName).Append(request.Uri.Path);
        foreach (var group in QueryParameters(request.Uri.ToUri())
                     .GroupBy(p => p.Key)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(group.Key).Append(':').Append(string.Join(',', group.Select(p => p.Value).Order(StringComparer.Ordinal)));
        }

        return builder.ToString();
    }

    private static string Header(Request request, string name) => request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

    private static IEnumerable<KeyValuePair<string, string>> QueryParameters(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            yield break;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : WebUtility.UrlDecode(pair[(equals + 1)..]);
            yield return new(name, value);
        }
    }
}
