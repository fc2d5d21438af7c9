using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Stratus.Sandbox.ContainerApps;

/// <summary>
/// Reads an execution's console lines from the Log Analytics workspace the Container Apps environment sends them to
/// (table <c>ContainerAppConsoleLogs_CL</c>), through the query API on Azure.Core's pipeline. Rows arrive late and
/// not always in order; the wrapper's line numbers put them back in order (see <see cref="NumberedLines"/>).
/// </summary>
internal sealed class LogAnalyticsLogReader(HttpPipeline pipeline, ContainerAppsSandboxOptions options)
{
    public const string Table = "ContainerAppConsoleLogs_CL";

    public async Task<IReadOnlyList<string>> ReadAsync(string execution, CancellationToken cancellationToken)
    {
        var workspace = Uri.EscapeDataString(options.LogAnalyticsWorkspaceId!);
        var body = new JsonObject
        {
            // A replica is named after its execution; its container after the job template's.
            ["query"] = $"{Table} | where ContainerJobName_s == '{Kql(options.JobName!)}' and ContainerGroupName_s startswith '{Kql(execution)}-' and ContainerName_s == '{Kql(options.ContainerName)}' | project TimeGenerated, Log_s | order by TimeGenerated asc",
            ["timespan"] = "P7D",
        };
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri(options.LogAnalyticsEndpoint, $"/v1/workspaces/{workspace}/query"));
        message.Request.Headers.Add("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(BinaryData.FromString(body.ToJsonString()));
        await pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status is < 200 or >= 300)
        {
            throw new RequestFailedException(message.Response.Status, $"Log Analytics could not read the log of execution '{execution}' ({message.Response.Status}): {message.Response.Content}");
        }

        var lines = new List<string>();
        var table = (JsonNode.Parse(message.Response.Content.ToString())?["tables"] as JsonArray)?.FirstOrDefault();
        var columns = (table?["columns"] as JsonArray ?? []).Select(c => c?["name"]?.GetValue<string>()).ToList();
        var log = columns.IndexOf("Log_s");
        if (log < 0)
        {
            return lines;
        }

        foreach (var row in table?["rows"] as JsonArray ?? [])
        {
            if (row is JsonArray cells && cells.Count > log && cells[log]?.GetValue<string>() is { } line)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    // Names here are ARM's and ours (letters, digits, '-'), but a quote must never end the string literal.
    private static string Kql(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
}
