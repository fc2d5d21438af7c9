using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stratus.Api.Tests.Infra.Tfe;

/// <summary>Calls the TFE API as go-tfe does: JSON:API bodies under /api/tfe/v2/.</summary>
internal sealed class TfeClient(HttpClient client)
{
    public const string Base = "/api/tfe/v2/";

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        // A path from the server (a log URL) is used as given; others are relative to the TFE API's base.
        using var request = new HttpRequestMessage(method, new Uri(path.StartsWith('/') ? path : Base + path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.api+json");
        }

        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<JsonElement> OkAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(method, path, json, cancellationToken);
        Assert.True((int)status is >= 200 and < 300, $"{method} {path} answered {(int)status}: {body}");
        return body;
    }

    public async Task<string> CreateWorkspaceAsync(string organization, string name, CancellationToken cancellationToken)
    {
        var created = await OkAsync(HttpMethod.Post, $"organizations/{organization}/workspaces", Data("workspaces", new JsonObject { ["name"] = name }.ToJsonString()), cancellationToken);
        return created.GetProperty("data").GetProperty("id").GetString()!;
    }

    /// <returns>The configuration version's id and upload URL.</returns>
    public async Task<(string Id, string UploadUrl)> CreateConfigurationVersionAsync(string workspaceId, bool speculative, CancellationToken cancellationToken)
    {
        var created = await OkAsync(HttpMethod.Post, $"workspaces/{workspaceId}/configuration-versions", Data("configuration-versions", new JsonObject { ["auto-queue-runs"] = false, ["speculative"] = speculative }.ToJsonString()), cancellationToken);
        var data = created.GetProperty("data");
        return (data.GetProperty("id").GetString()!, data.GetProperty("attributes").GetProperty("upload-url").GetString()!);
    }

    public async Task<HttpStatusCode> UploadAsync(string uploadUrl, byte[] archive, CancellationToken cancellationToken)
    {
        // go-tfe's upload is a "foreign" request: no credentials.
        using var anonymous = new HttpRequestMessage(HttpMethod.Put, new Uri(new Uri(uploadUrl).PathAndQuery, UriKind.Relative)) { Content = new ByteArrayContent(archive) };
        anonymous.Headers.Authorization = null;
        anonymous.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var saved = client.DefaultRequestHeaders.Authorization;
        client.DefaultRequestHeaders.Authorization = null;
        try
        {
            using var response = await client.SendAsync(anonymous, cancellationToken);
            return response.StatusCode;
        }
        finally
        {
            client.DefaultRequestHeaders.Authorization = saved;
        }
    }

    public static string Data(string type, string attributes, string? relationships = null)
    {
        var data = new JsonObject { ["type"] = type, ["attributes"] = JsonNode.Parse(attributes) };
        if (relationships is not null)
        {
            data["relationships"] = JsonNode.Parse(relationships);
        }

        return new JsonObject { ["data"] = data }.ToJsonString();
    }

    public static string RunBody(string workspaceId, string? configurationVersionId, string attributes = "{}")
    {
        var relationships = new JsonObject { ["workspace"] = Relation("workspaces", workspaceId) };
        if (configurationVersionId is not null)
        {
            relationships["configuration-version"] = Relation("configuration-versions", configurationVersionId);
        }

        return Data("runs", attributes, relationships.ToJsonString());
    }

    public static string ErrorDetail(JsonElement body) => body.GetProperty("errors")[0].GetProperty("detail").GetString()!;

    private static JsonObject Relation(string type, string id) => new() { ["data"] = new JsonObject { ["type"] = type, ["id"] = id } };
}
