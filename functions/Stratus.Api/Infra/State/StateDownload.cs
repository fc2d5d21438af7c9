using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Stratus.Infra.State;

namespace Stratus.Api.Infra.State;

internal static class StateDownload
{
    public const string VersionHeader = "X-Stratus-State-Version";
    public const string SerialHeader = "X-Stratus-State-Serial";

    /// <summary>
    /// Streams a version's content with its <c>Content-MD5</c> (terraform's http backend checks it), its number and
    /// serial, and its SHA-256 as the ETag. The content is disposed with the response.
    /// </summary>
    public static FileStreamHttpResult Result(HttpContext context, StateContent content, string? fileName)
    {
        context.Response.RegisterForDisposeAsync(content);
        var headers = context.Response.Headers;
        headers.ContentMD5 = content.Version.Md5;
        headers[VersionHeader] = content.Version.Number.ToString(CultureInfo.InvariantCulture);
        headers[SerialHeader] = content.Version.Serial.ToString(CultureInfo.InvariantCulture);
        headers.CacheControl = "no-store";
        context.Response.ContentLength = content.Version.Size;
        return TypedResults.Stream(content.Content, "application/json", fileName, content.Version.CreatedAt, new EntityTagHeaderValue($"\"{content.Version.Sha256}\""));
    }
}
