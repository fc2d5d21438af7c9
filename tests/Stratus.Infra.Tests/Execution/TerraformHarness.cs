using System.Text;
using System.Text.Json;
using Stratus.Infra.Execution;
using Stratus.Processes;

namespace Stratus.Infra.Tests.Execution;

/// <summary>
/// Runs the real terraform in a folder of its own, as the executor will: environment from <see cref="TerraformInputs"/>,
/// a CLI configuration file of our own (never the machine's), masked logs.
/// </summary>
public sealed class TerraformHarness : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TerraformHarness(IEnumerable<ResolvedVariable>? variables = null, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        Folder = _directory.Combine("config");
        Directory.CreateDirectory(Folder);
        var cliConfig = _directory.Combine("cli.tfrc");
        File.WriteAllText(cliConfig, "# no credentials, no plugin cache: the tests stay offline\n");
        Inputs = TerraformInputs.From(variables ?? []);
        var environment = new Dictionary<string, string>(Inputs.Environment) { ["TF_CLI_CONFIG_FILE"] = cliConfig };
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        Environment = environment;
        Masker = Inputs.CreateMasker(extraEnvironment?.Values ?? []);
        Inputs.WriteTfvars(Folder);
    }

    public string Folder { get; }

    public string PlanFile => _directory.Combine("plan.tfplan");

    public TerraformInputs Inputs { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public LogMasker Masker { get; }

    public LogLines Log { get; } = new();

    public void Write(string fileName, string content) => File.WriteAllText(Path.Combine(Folder, fileName), content);

    public ProcessSpec Spec(IReadOnlyList<string> arguments) =>
        new(ExternalTools.Terraform!, arguments, Folder) { Environment = Environment, Masker = Masker };

    public Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(Spec(arguments), Log.Add, cancellationToken);

    public async Task<JsonDocument> OutputAsync(CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        var exitCode = await ProcessRunner.RunAsync(Spec(TerraformCommands.Output()), output, Log.Add, cancellationToken);
        Assert.True(exitCode == 0, "terraform output failed: " + Log.Text);
        return JsonDocument.Parse(Encoding.UTF8.GetString(output.ToArray()));
    }

    public void Dispose() => _directory.Dispose();
}
