using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Stratus.Sandbox.ContainerApps;

/// <summary>
/// Reads an execution's console lines from the Log Analytics workspace the Container Apps environment sends them to,
/// through the query API on Azure.Core's pipeline: <c>ContainerAppConsoleLogs</c> (columns <c>Log</c>,
/// <c>ContainerGroupName</c>, …) where the environment logs through Azure Monitor diagnostic settings, as the bicep
/// deploys it, or <c>ContainerAppConsoleLogs_CL</c> (<c>Log_s</c>, <c>ContainerGroupName_s</c>, …) where it logs to
/// Log Analytics directly. Rows arrive late and not always in order; the wrapper's line numbers put them back in
/// order (see <see cref="NumberedLines"/>).
/// </summary>
internal sealed class LogAnalyticsLogReader(HttpPipeline pipeline, ContainerAppsSandboxOptions options)
{
    public const string DiagnosticTable = "ContainerAppConsoleLogs";
    public const string CustomTable = "ContainerAppConsoleLogs_CL";

    public async Task<IReadOnlyList<string>> ReadAsync(string execution, CancellationToken cancellationToken)
    {
        var workspace = Uri.EscapeDataString(options.LogAnalyticsWorkspaceId!);
        var s = options.LogTable == CustomTable ? "_s" : "";
        var body = new JsonObject
        {
            // A replica (pod) is named after its execution, which is named after its job; the container after the template's.
            ["query"] = $"{options.LogTable} | where ContainerGroupName{s} startswith '{Kql(execution)}-' and ContainerName{s} == '{Kql(options.ContainerName)}' | project TimeGenerated, Log{s} | order by TimeGenerated asc",
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
        var log = columns.IndexOf("Log" + s);
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
