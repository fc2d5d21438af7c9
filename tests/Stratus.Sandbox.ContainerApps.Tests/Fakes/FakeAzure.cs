using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Stratus.Sandbox.ContainerApps.Tests.Fakes;

/// <summary>
/// Kestrel on 127.0.0.1 over TLS (bearer tokens go only over TLS) standing in for ARM's Microsoft.App jobs API and
/// Log Analytics' query API: it records every request, refuses any without the credential's token for its audience,
/// and answers with the documented shapes. Started executions really run their container command locally
/// (<see cref="FakeExecution"/>); their output becomes <c>ContainerAppConsoleLogs</c> (or <c>_CL</c>) rows.
/// </summary>
public sealed partial class FakeAzure : IAsyncDisposable
{
    public const string ManagementScope = "https://management.azure.com/.default";
    public const string LogAnalyticsScope = "https://api.loganalytics.io/.default";

    private readonly WebApplication _app;
    private readonly byte[] _certificate;

    private FakeAzure(WebApplication app, byte[] certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public ConcurrentDictionary<string, FakeExecution> Executions { get; } = new(StringComparer.Ordinal);

    /// <summary>How long a stopped execution has after SIGTERM before it is killed (the job's termination grace period).</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True only for this server's own certificate (it is self-signed).</summary>
    public bool IsServerCertificate(X509Certificate2? certificate) => certificate is not null && certificate.RawDataMemory.Span.SequenceEqual(_certificate);

    public static async Task<FakeAzure> StartAsync()
    {
        using var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var tls = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(tls)));
        var app = builder.Build();
        var fake = new FakeAzure(app, certificate.RawData);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return fake;
    }

    public IEnumerable<RecordedRequest> Matching(string method, string pathEnd) =>
        Requests.Where(r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        foreach (var execution in Executions.Values)
        {
            execution.Stop();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var path = context.Request.Path.Value ?? "";
        var authorization = context.Request.Headers.Authorization.ToString();
        Requests.Enqueue(new RecordedRequest(context.Request.Method, path, context.Request.Query["api-version"].FirstOrDefault(), body, authorization));

        if (path.StartsWith("/v1/workspaces/", StringComparison.Ordinal))
        {
            if (authorization != "Bearer " + FakeTokenCredential.TokenFor(LogAnalyticsScope))
            {
                await Error(context, 403, "InsufficientAccessError", "The provided credentials have insufficient access to perform the requested operation");
                return;
            }

            await QueryAsync(context, body);
            return;
        }

        if (authorization != "Bearer " + FakeTokenCredential.TokenFor(ManagementScope))
        {
            await Error(context, 401, "InvalidAuthenticationToken", "The access token is invalid.");
            return;
        }

        if (context.Request.Query["api-version"].FirstOrDefault() is not { Length: > 0 })
        {
            await Error(context, 400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
            return;
        }

        var route = JobRoute().Match(path);
        if (!route.Success)
        {
            await Error(context, 404, "NotFound", $"No route for {path}.");
            return;
        }

        var jobPath = path[..(route.Groups["tail"].Index)];
        var tail = route.Groups["tail"].Value;
        switch (context.Request.Method, tail)
        {
            case ("POST", "/start"):
                var template = JsonNode.Parse(body) as JsonObject ?? new JsonObject();
                var name = $"{route.Groups["job"].Value}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))[..7]}";
                var execution = new FakeExecution(name, template);
                Executions[name] = execution;
                execution.Run(StopGracePeriod);
                context.Response.StatusCode = 202;
                context.Response.Headers.Location = new Uri(BaseUrl, $"/subscriptions/x/providers/Microsoft.App/locations/x/containerappOperationResults/{name}?api-version=2024-03-01").AbsoluteUri;
                await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = $"{jobPath}/executions/{name}", ["name"] = name });
                return;
            case ("GET", "/executions"):
                var list = new JsonArray();
                foreach (var each in Executions.Values.OrderBy(e => e.StartTime))
                {
                    list.Add(Shape(jobPath, each));
                }

                await context.Response.WriteAsJsonAsync(new JsonObject { ["value"] = list });
                return;
        }

        var executionRoute = ExecutionRoute().Match(tail);
        if (!executionRoute.Success || !Executions.TryGetValue(executionRoute.Groups["name"].Value, out var found))
        {
            await Error(context, 404, "ResourceNotFound", $"The Resource 'Microsoft.App/jobs/executions/{executionRoute.Groups["name"].Value}' was not found.");
            return;
        }

        switch (context.Request.Method, executionRoute.Groups["action"].Value)
        {
            case ("GET", ""):
                await context.Response.WriteAsJsonAsync(Shape(jobPath, found));
                return;
            case ("POST", "/stop"):
                found.Stop();
                context.Response.StatusCode = 202;
                return;
            default:
                await Error(context, 405, "MethodNotAllowed", "Not supported by the fake.");
                return;
        }
    }

    private async Task QueryAsync(HttpContext context, string body)
    {
        var query = JsonNode.Parse(body)?["query"]?.GetValue<string>() ?? "";
        var execution = ExecutionInQuery().Match(query) is { Success: true } match ? match.Groups[1].Value : "";
        // The resource-specific table (diagnostic settings) has plain column names; the custom-log table suffixes them.
        var suffix = query.StartsWith("ContainerAppConsoleLogs_CL ", StringComparison.Ordinal) ? "_s" : "";
        var rows = new JsonArray();
        if (query.StartsWith("ContainerAppConsoleLogs", StringComparison.Ordinal) && Executions.TryGetValue(execution, out var found))
        {
            foreach (var (time, line) in found.Rows)
            {
                rows.Add(new JsonArray(time.ToString("o", CultureInfo.InvariantCulture), line));
            }
        }

        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["tables"] = new JsonArray(new JsonObject
            {
                ["name"] = "PrimaryResult",
                ["columns"] = new JsonArray(
                    new JsonObject { ["name"] = "TimeGenerated", ["type"] = "datetime" },
                    new JsonObject { ["name"] = "Log" + suffix, ["type"] = "string" }),
                ["rows"] = rows,
            }),
        });
    }

    private static JsonObject Shape(string jobPath, FakeExecution execution) => new()
    {
        ["id"] = $"{jobPath}/executions/{execution.Name}",
        ["name"] = execution.Name,
        ["type"] = "Microsoft.App/jobs/executions",
        ["properties"] = new JsonObject
        {
            ["status"] = execution.Status,
            ["startTime"] = execution.StartTime.ToString("o", CultureInfo.InvariantCulture),
            ["endTime"] = execution.EndTime?.ToString("o", CultureInfo.InvariantCulture),
            ["template"] = execution.Template.DeepClone(),
        },
    };

    private static async Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
    }

    [GeneratedRegex("^/subscriptions/(?<sub>[^/]+)/resourceGroups/(?<rg>[^/]+)/providers/Microsoft\\.App/jobs/(?<job>[^/]+)(?<tail>/.*)$")]
    private static partial Regex JobRoute();

    [GeneratedRegex("^/executions/(?<name>[^/]+)(?<action>/stop)?$")]
    private static partial Regex ExecutionRoute();

    [GeneratedRegex("ContainerGroupName(?:_s)? startswith '([^']+)-'")]
    private static partial Regex ExecutionInQuery();
}
