namespace Stratus.Testing.Terraform;

/// <summary>How a terraform run ended: its exit code and everything it wrote.</summary>
public sealed record TerraformResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Both streams, for an assertion's message.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
