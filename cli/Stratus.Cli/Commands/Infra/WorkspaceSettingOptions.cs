using System.CommandLine;
using Stratus.Client.Models;

namespace Stratus.Cli.Commands.Infra;

/// <summary>The options <c>workspace create</c> and <c>update</c> share, and the JSON body of those given.</summary>
internal sealed class WorkspaceSettingOptions
{
    private readonly Option<string?> _description = new("--description", "-d") { Description = "What the workspace is." };
    private readonly Option<string?> _source = new("--source", "-s") { Description = "The git repository URL of the configuration." };
    private readonly Option<string?> _branch = new("--branch", "-b") { Description = "The git branch (default main)." };
    private readonly Option<string?> _commit = new("--commit") { Description = "A git commit to pin instead of the branch's head." };
    private readonly Option<string?> _folder = new("--folder", "-f") { Description = "The folder inside the source that holds the configuration." };
    private readonly Option<string?> _iacType = new("--iac-type") { Description = "terraform (default) or tofu." };
    private readonly Option<string?> _version = new("--terraform-version", "-t") { Description = "The terraform (or tofu) version jobs use, such as 1.11.0." };
    private readonly Option<string?> _template = new("--default-template") { Description = "The template a job uses when it names none." };
    private readonly Option<string?> _mode = new("--execution-mode") { Description = "remote (default) or local (jobs run the state backend only)." };
    private readonly Option<string[]> _tags = new("--tag", "-g") { Description = "A tag; repeat for more (replaces the tags on update)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _description, _source, _branch, _commit, _folder, _iacType, _version, _template, _mode, _tags })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The properties given; those left out stay null, which the client does not send, so they do not change.</summary>
    public WorkspaceRequest Body(CommandCall call) => new()
    {
        Description = call.Get(_description),
        Source = call.Get(_source),
        Branch = call.Get(_branch),
        Commit = call.Get(_commit),
        Folder = call.Get(_folder),
        IacType = call.Get(_iacType),
        TerraformVersion = call.Get(_version),
        DefaultTemplate = call.Get(_template),
        ExecutionMode = call.Get(_mode),
        Tags = call.Get(_tags) is { Length: > 0 } tags ? [.. tags] : null,
    };

    /// <summary>Whether <paramref name="body"/> changes nothing.</summary>
    public static bool IsEmpty(WorkspaceRequest body) =>
        body is { Description: null, Source: null, Branch: null, Commit: null, Folder: null, IacType: null, TerraformVersion: null, DefaultTemplate: null, ExecutionMode: null, Tags: null };
}
