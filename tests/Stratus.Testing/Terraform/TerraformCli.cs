using System.Diagnostics;
using System.Text;

namespace Stratus.Testing.Terraform;

/// <summary>
/// The real terraform, run against a <see cref="StratusHttpsServer"/> as <see cref="StratusHttpsServer.Hostname"/>: a CLI
/// config of its own whose <c>host</c> block maps every Terraform service onto the server's HTTPS address (so
/// <c>source = "stratus.test/acme/network/azurerm"</c> and <c>cloud { hostname = "stratus.test" }</c> reach it), the
/// token as that host's credentials, <c>SSL_CERT_FILE</c> set to the server's local CA, and a plugin cache and home of
/// its own, outside the working directory (a cloud run uploads that folder). Nothing from the machine's terraform
/// set-up is read.
/// </summary>
public sealed class TerraformCli : IDisposable
{
    private readonly string _configFolder;

    internal TerraformCli(StratusHttpsServer server, string workingDirectory, string? token)
    {
        WorkingDirectory = workingDirectory;
        Directory.CreateDirectory(workingDirectory);
        _configFolder = Directory.CreateTempSubdirectory("stratus-tfcli-").FullName;

        // terraform login writes its credentials file here, and does not make the folder itself.
        Directory.CreateDirectory(Path.Combine(_configFolder, ".terraform.d"));
        ConfigFile = Path.Combine(_configFolder, "terraform.rc");
        File.WriteAllText(ConfigFile, Config(server.BaseAddress, token));
        Environment = new Dictionary<string, string>
        {
            ["TF_CLI_CONFIG_FILE"] = ConfigFile,
            ["SSL_CERT_FILE"] = server.CaCertificatePath,
            ["HOME"] = _configFolder,
            ["TF_IN_AUTOMATION"] = "1",
            ["CHECKPOINT_DISABLE"] = "1",
        };
    }

    public string WorkingDirectory { get; }

    /// <summary>Removes the CLI config, home and credentials (the working directory is the test's).</summary>
    public void Dispose() => DataFolders.Delete(_configFolder);

    /// <summary>The CLI config file terraform reads (<c>TF_CLI_CONFIG_FILE</c>).</summary>
    public string ConfigFile { get; }

    /// <summary>
    /// The environment terraform runs with, on top of PATH. <c>terraform login</c> writes its token to
    /// <c>$HOME/.terraform.d/credentials.tfrc.json</c> here, since the config file holds none for the host without a token.
    /// </summary>
    public IDictionary<string, string> Environment { get; }

    /// <summary>Runs <c>terraform <paramref name="args"/></c> with stdin closed; never throws on a non-zero exit.</summary>
    public Task<TerraformResult> RunAsync(params string[] args) => RunAsync(args, null, TestTimeout.Token(180));

    public async Task<TerraformResult> RunAsync(string[] args, string? stdin, CancellationToken cancellationToken)
    {
        using var run = Start(args, stdin);
        return await run.WaitAsync(cancellationToken);
    }

    /// <summary>Starts terraform and returns at once, for a test that acts while it runs (the browser of terraform login).</summary>
    public TerraformRun Start(string[] args, string? stdin)
    {
        var start = new ProcessStartInfo(Executables.Find("terraform") ?? "terraform")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Only what terraform needs: no browser opener on PATH (terraform login prints its URL instead), no
        // TF_* from the machine.
        start.Environment.Clear();
        start.Environment["PATH"] = Path.GetDirectoryName(Executables.Find("terraform")) ?? "/usr/local/bin";
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        return new TerraformRun(Process.Start(start) ?? throw new InvalidOperationException("terraform did not start."), args, stdin);
    }

    private static string Config(Uri server, string? token)
    {
        var root = server.ToString().TrimEnd('/');
        var config = new StringBuilder();
        config.AppendLine($$"""
            host "{{StratusHttpsServer.Hostname}}" {
              services = {
                "modules.v1"   = "{{root}}/api/registry/modules/v1/",
                "providers.v1" = "{{root}}/api/registry/providers/v1/",
                "tfe.v2"       = "{{root}}/api/tfe/v2/",
                "tfe.v2.1"     = "{{root}}/api/tfe/v2/",
                "tfe.v2.2"     = "{{root}}/api/tfe/v2/",
                "login.v1"     = {
                  client      = "terraform-cli"
                  grant_types = ["authz_code"]
                  authz       = "{{root}}/api/oauth/authorize"
                  token       = "{{root}}/api/oauth/token"
                  ports       = [10000, 10010]
                }
              }
            }
            """);
        if (token is not null)
        {
            config.AppendLine($$"""
                credentials "{{StratusHttpsServer.Hostname}}" {
                  token = "{{token}}"
                }
                """);
        }

        return config.ToString();
    }
}
