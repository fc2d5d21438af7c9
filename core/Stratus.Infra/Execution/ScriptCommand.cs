namespace Stratus.Infra.Execution;

/// <summary>One TCL command (customScripts, before, after, onFailure). Only the BASH runtime runs here.</summary>
/// <param name="Script">The bash script.</param>
/// <param name="Priority">Lower runs first; equal priorities keep their given order.</param>
/// <param name="Runtime">BASH; anything else (Terrakube's GROOVY) is refused.</param>
public sealed record ScriptCommand(string Script, int Priority = 0, string Runtime = ScriptCommand.Bash)
{
    public const string Bash = "BASH";
}
