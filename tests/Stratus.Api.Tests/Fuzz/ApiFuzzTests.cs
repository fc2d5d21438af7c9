using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Stratus.Storage;
using Stratus.Testing;
using Xunit.Abstractions;

namespace Stratus.Api.Tests.Fuzz;

/// <summary>
/// Every operation of the OpenAPI document, called with hostile bodies, paths and queries as the bootstrap admin (so
/// access checks pass and the handlers run) against a seed set of real resources. Fails listing every (operation,
/// mutation, status) that answered 5xx, answered an error without ProblemDetails, or wrote while refusing.
/// Operations run reads first and deletes last (deepest paths first), so the seed set exists for as long as possible.
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ApiFuzzTests(StratusApiFixture api, ITestOutputHelper output) : IClassFixture<StratusApiFixture>
{
    private const int MinimumRequests = 2000;

    private static readonly string[] MethodOrder = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    [Fact]
    public async Task EveryOperation_HostileInput_NoServerErrorProblemDetailsAndNoWriteOnRefusal()
    {
        var ct = TestTimeout.Token(600);
        var seedValue = FuzzSettings.Seed();
        var filter = FuzzSettings.OperationFilter();
        using var client = api.CreateClient();

        var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), ct)).RootElement;
        var operations = OpenApiDocument.Operations(document)
            .Where(o => filter.Count == 0 || filter.Any(f => o.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(o => Array.IndexOf(MethodOrder, o.Method))
            .ThenBy(o => o.Method == "DELETE" ? -o.PathTemplate.Length : 0)
            .ToList();
        Assert.NotEmpty(operations);

        var seed = await FuzzSeedSet.CreateAsync(client, ct);
        var whoami = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/whoami", UriKind.Relative), ct)).RootElement;
        var checker = new RefusalWriteChecker(api.Services.GetRequiredService<IStorageAccount>(), api.AdminToken, whoami.GetProperty("token").GetProperty("id").GetString()!);
        var runner = new FuzzRunner(client, new RawRequestSender(api.Server, $"Bearer {api.AdminToken}"), api.DataPath, checker, token => SeedAppIdleAsync(client, seed.App, token));
        await runner.StartAsync(ct);
        output.WriteLine($"fuzz: seed {seedValue} ({FuzzSettings.SeedVariable} to change), {operations.Count} operations");

        foreach (var operation in operations)
        {
            var generator = new FuzzCaseGenerator(seed, FuzzSettings.ForOperation(seedValue, operation.Name));
            foreach (var request in generator.For(operation))
            {
                await runner.SendAsync(request, ct);
            }
        }

        var summary = $"fuzz: seed {seedValue}, {operations.Count} operations, {runner.Sent} requests; statuses {string.Join(", ", runner.Statuses.Select(s => $"{s.Key}={s.Value}"))}; {runner.Failures.Count} failures in {runner.Failures.Select(f => f.Group).Distinct().Count()} groups; {runner.Timing}";
        output.WriteLine(summary);
        output.WriteLine($"fuzz: slowest mutations: {runner.Slowest}");
        Console.Error.WriteLine(summary);
        if (filter.Count == 0)
        {
            Assert.True(runner.Sent >= MinimumRequests, $"{summary}: fewer than {MinimumRequests} requests");
        }

        Assert.True(runner.Failures.Count == 0, Report(summary, runner.Failures, seedValue));
    }

    private static string Report(string summary, IReadOnlyList<FuzzFailure> failures, int seed)
    {
        var text = new StringBuilder(summary).AppendLine();
        text.AppendLine($"Replay one operation: {FuzzSettings.SeedVariable}={seed} {FuzzSettings.OperationsVariable}='<METHOD /path>' dotnet test tests/Stratus.Api.Tests --filter Category=Fuzz");
        foreach (var group in failures.GroupBy(f => f.Group))
        {
            text.AppendLine($"== {group.Key}: {group.Count()} request(s)");
            foreach (var failure in group.Take(3))
            {
                text.AppendLine($"   {failure}");
            }
        }

        return text.ToString();
    }

    private static async Task<bool> SeedAppIdleAsync(HttpClient client, string app, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri($"/api/v1/apps/{app}/events?running=true", UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The seed app was removed (DELETE runs last): nothing of it can still be running.
            return true;
        }

        using var events = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var list = events.RootElement.ValueKind == JsonValueKind.Array ? events.RootElement : events.RootElement.GetProperty("items");
        return list.GetArrayLength() == 0;
    }
}
