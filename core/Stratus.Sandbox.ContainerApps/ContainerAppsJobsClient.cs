using System.Globalization;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Stratus.Sandbox.ContainerApps;

/// <summary>
/// The Microsoft.App jobs REST calls the driver needs (start an execution with a template, read, list and stop
/// executions), on Azure.Core's pipeline: its SDK package is not served here.
/// </summary>
internal sealed class ContainerAppsJobsClient(HttpPipeline pipeline, ContainerAppsSandboxOptions options, TimeProvider time)
{
    private string JobPath => $"/subscriptions/{Uri.EscapeDataString(options.SubscriptionId!)}/resourceGroups/{Uri.EscapeDataString(options.ResourceGroup!)}/providers/Microsoft.App/jobs/{Uri.EscapeDataString(options.JobName!)}";

    /// <summary>Starts one execution with <paramref name="template"/> (a JobExecutionTemplate); returns the name ARM gave it.</summary>
    public async Task<string> StartAsync(JsonObject template, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Post, Url("/start"), template);
        message.ResponseClassifier = StartClassifier.Instance;
        await pipeline.SendAsync(message, cancellationToken);
        var response = Success(message, "start an execution of");
        if (Name(response) is { } name)
        {
            return name;
        }

        // A 202 without a body: the execution's name comes from the operation Location names.
        if (response.Headers.TryGetValue("Location", out var location) && location is not null)
        {
            while (true)
            {
                await Task.Delay(options.PollInterval, time, cancellationToken);
                using var poll = Message(RequestMethod.Get, new Uri(location), null);
                await pipeline.SendAsync(poll, cancellationToken);
                var polled = Success(poll, "follow the start of");
                if (polled.Status == 200 && Name(polled) is { } started)
                {
                    return started;
                }
            }
        }

        throw new InvalidOperationException($"Container Apps accepted a start of job '{options.JobName}' ({response.Status}) without naming the execution.");
    }

    /// <summary>The execution, or null when ARM has none of that name.</summary>
    public async Task<JobExecution?> GetAsync(string execution, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Get, Url($"/executions/{Uri.EscapeDataString(execution)}"), null);
        await pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status == 404)
        {
            return null;
        }

        return Parse(JsonNode.Parse(Success(message, "read an execution of").Content.ToString()));
    }

    /// <summary>The execution whose step container has <paramref name="variable"/> = <paramref name="value"/>, or null.</summary>
    public async Task<JobExecution?> FindAsync(string variable, string value, CancellationToken cancellationToken)
    {
        Uri? next = Url("/executions");
        while (next is not null)
        {
            using var message = Message(RequestMethod.Get, next, null);
            await pipeline.SendAsync(message, cancellationToken);
            var page = JsonNode.Parse(Success(message, "list the executions of").Content.ToString());
            foreach (var item in page?["value"] as JsonArray ?? [])
            {
                if (Parse(item) is { } execution && execution.Environment.TryGetValue(variable, out var found) && found == value)
                {
                    return execution;
                }
            }

            next = page?["nextLink"]?.GetValue<string>() is { Length: > 0 } link ? new Uri(link) : null;
        }

        return null;
    }

    /// <summary>Asks Container Apps to stop the execution (SIGTERM, then a kill after the job's grace period).</summary>
    public async Task StopAsync(string execution, CancellationToken cancellationToken)
    {
        using var message = Message(RequestMethod.Post, Url($"/executions/{Uri.EscapeDataString(execution)}/stop"), null);
        await pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status != 404)
        {
            Success(message, "stop an execution of");
        }
    }

    private Uri Url(string tail) =>
        new(options.ManagementEndpoint, string.Create(CultureInfo.InvariantCulture, $"{JobPath}{tail}?api-version={Uri.EscapeDataString(options.ApiVersion)}"));

    private HttpMessage Message(RequestMethod method, Uri uri, JsonNode? body)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.Add("Accept", "application/json");
        if (body is not null)
        {
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(BinaryData.FromString(body.ToJsonString()));
        }
        else if (method == RequestMethod.Post)
        {
            message.Request.Content = RequestContent.Create(BinaryData.FromString(""));
        }

        return message;
    }

    private Response Success(HttpMessage message, string what)
    {
        var response = message.Response;
        if (response.Status is >= 200 and < 300)
        {
            return response;
        }

        var detail = "";
        try
        {
            var error = JsonNode.Parse(response.Content.ToString())?["error"];
            detail = $": {error?["code"]?.GetValue<string>()} {error?["message"]?.GetValue<string>()}";
        }
        catch (System.Text.Json.JsonException)
        {
        }

        throw new RequestFailedException(response.Status, $"Container Apps could not {what} job '{options.JobName}' ({response.Status}){detail}");
    }

    private static string? Name(Response response)
    {
        if (response.Content.ToMemory().Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(response.Content.ToString())?["name"]?.GetValue<string>() is { Length: > 0 } name ? name : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    // Api-versions put status and template under properties; the JS SDK's flattened shape is accepted too.
    private JobExecution? Parse(JsonNode? node)
    {
        if (node?["name"]?.GetValue<string>() is not { Length: > 0 } name)
        {
            return null;
        }

        var properties = node["properties"] ?? node;
        var status = properties["status"]?.GetValue<string>() ?? "Unknown";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var containers = properties["template"]?["containers"] as JsonArray ?? [];
        var step = containers.FirstOrDefault(c => c?["name"]?.GetValue<string>() == options.ContainerName) ?? containers.FirstOrDefault();
        foreach (var variable in step?["env"] as JsonArray ?? [])
        {
            if (variable?["name"]?.GetValue<string>() is { Length: > 0 } key)
            {
                environment[key] = variable["value"]?.GetValue<string>() ?? "";
            }
        }

        return new JobExecution(name, status, environment);
    }
}
