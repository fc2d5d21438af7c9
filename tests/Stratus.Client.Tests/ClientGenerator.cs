using System.Text.Json.Nodes;
using Stratus.Processes;
using Stratus.Testing;

namespace Stratus.Client.Tests;

/// <summary>
/// Generates Stratus.Client with the repository's kiota (<c>.config/dotnet-tools.json</c>, offline) from an OpenAPI
/// document, with the options the checked-in client was made with. The one place they are written down:
/// <c>scripts/generate-client.sh</c> runs the test that calls this.
/// </summary>
internal static class ClientGenerator
{
    /// <summary>Where the generated client lives, relative to the repository root.</summary>
    public const string CheckedInFolder = "cli/Stratus.Client/Generated";

    // The Stratus API itself; the protocol endpoints under /api/v1 (terraform's http state backend) have their own
    // client, terraform. The registry and TFE protocols are outside /api/v1.
    private static readonly string[] Options =
    [
        "generate", "--language", "CSharp", "--namespace-name", "Stratus.Client", "--class-name", "StratusApiClient",
        "--include-path", "/api/v1/**",
        "--exclude-path", "/api/v1/organizations/*/workspaces/*/state#GET,POST,DELETE",
        "--exclude-path", "/api/v1/organizations/*/workspaces/*/state/lock#POST",
        "--exclude-path", "/api/v1/organizations/*/workspaces/*/state/unlock",
        "--exclude-backward-compatible", "--clean-output", "--log-level", "Warning",
    ];

    /// <summary>Generates into <paramref name="outputFolder"/>; returns kiota's output when it fails.</summary>
    public static async Task GenerateAsync(string openApiJson, string outputFolder, CancellationToken cancellationToken)
    {
        // The server is whatever host served the document; the client takes its base URL from its caller instead.
        var document = JsonNode.Parse(openApiJson)!.AsObject();
        document.Remove("servers");
        var work = Directory.CreateTempSubdirectory("stratus-client-doc-");
        try
        {
            var path = Path.Combine(work.FullName, "openapi.json");
            await File.WriteAllTextAsync(path, document.ToJsonString(), cancellationToken);
            var output = new List<string>();
            var spec = new ProcessSpec("dotnet", ["tool", "run", "kiota", .. Options, "--openapi", path, "--output", outputFolder], RepositoryPaths.Root)
            {
                InheritEnvironment = true,
                Environment = new Dictionary<string, string>
                {
                    // No update check, telemetry or hints: generation runs offline and prints only problems.
                    ["KIOTA_OFFLINE_ENABLED"] = "true",
                    ["KIOTA_CLI_TELEMETRY_OPTOUT"] = "true",
                    ["KIOTA_TUTORIAL_ENABLED"] = "false",
                    ["KIOTA_CONSOLE_COLORS_ENABLED"] = "false",
                    ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                },
            };
            var exitCode = await ProcessRunner.RunAsync(spec, output.Add, cancellationToken);
            Assert.True(exitCode == 0, $"kiota exited {exitCode} (is the tool restored? 'dotnet tool restore'):\n{string.Join('\n', output)}");
        }
        finally
        {
            work.Delete(recursive: true);
        }

        // The lock file records the temporary document's path; the options are written down here instead.
        File.Delete(Path.Combine(outputFolder, "kiota-lock.json"));
    }
}
