using System.Diagnostics;

namespace Stratus.Api.Tests.Infra.State;

/// <summary>
/// The terraform binary on PATH, run in a working folder of its own with the http backend configured from the
/// environment (TF_HTTP_*), offline: the configuration uses only built-in resources.
/// </summary>
internal sealed class TerraformCli : IDisposable
{
    public const string Config = """
        terraform {
          backend "http" {}
        }

        variable "label" {
          type    = string
          default = "one"
        }

        variable "delay" {
          type    = number
          default = 0
        }

        resource "terraform_data" "item" {
          input            = var.label
          triggers_replace = [var.label]

          provisioner "local-exec" {
            command = "sleep ${var.delay}"
          }
        }

        output "label" {
          value = terraform_data.item.output
        }
        """;

    private static readonly Lazy<string?> Found = new(FindBinary);
    private readonly Dictionary<string, string?> _environment;

    /// <param name="address">The state endpoint, <c>…/workspaces/{ws}/state</c>.</param>
    /// <param name="token">The Basic password; <c>null</c> sends no credentials.</param>
    /// <param name="lockWithPost">Lock with <c>POST …/state/lock</c> and <c>POST …/state/unlock</c> instead of LOCK and UNLOCK.</param>
    public TerraformCli(Uri address, string? token, bool lockWithPost = false)
    {
        WorkingDirectory = Directory.CreateTempSubdirectory("stratus-tf-").FullName;
        File.WriteAllText(Path.Combine(WorkingDirectory, "main.tf"), Config);
        _environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["TF_HTTP_ADDRESS"] = address.ToString(),
            ["TF_HTTP_LOCK_ADDRESS"] = lockWithPost ? address + "/lock" : address.ToString(),
            ["TF_HTTP_UNLOCK_ADDRESS"] = lockWithPost ? address + "/unlock" : address.ToString(),
            ["TF_HTTP_LOCK_METHOD"] = lockWithPost ? "POST" : null,
            ["TF_HTTP_UNLOCK_METHOD"] = lockWithPost ? "POST" : null,
            ["TF_HTTP_USERNAME"] = token is null ? null : "stratus",
            ["TF_HTTP_PASSWORD"] = token,
            ["TF_HTTP_RETRY_MAX"] = "0",
            ["TF_IN_AUTOMATION"] = "1",
            ["TF_INPUT"] = "0",
            ["CHECKPOINT_DISABLE"] = "1",
            ["TF_CLI_CONFIG_FILE"] = null,
            ["TF_LOG"] = null,
            ["TF_WORKSPACE"] = null,
            ["TF_DATA_DIR"] = null,
        };
    }

    /// <summary>The terraform binary, or <c>null</c> when none is on PATH.</summary>
    public static string? Binary => Found.Value;

    public string WorkingDirectory { get; }

    public Task<TerraformResult> InitAsync(CancellationToken cancellationToken) => RunAsync(["init", "-input=false", "-no-color"], cancellationToken);

    public Task<TerraformResult> ApplyAsync(string label, int delaySeconds, CancellationToken cancellationToken) =>
        RunAsync(["apply", "-auto-approve", "-input=false", "-no-color", $"-var=label={label}", $"-var=delay={delaySeconds}"], cancellationToken);

    /// <summary>Exit code 0: no changes; 2: changes; 1: error (<c>-detailed-exitcode</c>).</summary>
    public Task<TerraformResult> PlanAsync(string label, CancellationToken cancellationToken) =>
        RunAsync(["plan", "-detailed-exitcode", "-input=false", "-no-color", $"-var=label={label}"], cancellationToken);

    public async Task<TerraformResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Binary ?? throw new InvalidOperationException("terraform is not on PATH."))
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new TerraformResult(process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static string? FindBinary() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? "terraform.exe" : "terraform"))
            .FirstOrDefault(File.Exists);
}
