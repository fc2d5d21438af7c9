namespace Stratus.Api.Tests.Infra.State;

/// <summary>How a terraform command ended, with everything it printed.</summary>
internal sealed record TerraformResult(int ExitCode, string Output, string Error)
{
    public string Describe() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Output}{Environment.NewLine}stderr:{Environment.NewLine}{Error}";
}
