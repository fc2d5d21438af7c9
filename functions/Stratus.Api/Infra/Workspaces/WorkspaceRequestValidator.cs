using System.Text.RegularExpressions;
using Stratus.Infra;
using Stratus.Infra.Workspaces;

namespace Stratus.Api.Infra.Workspaces;

/// <summary>What a workspace request may contain; each problem names the field and what to send instead.</summary>
internal static partial class WorkspaceRequestValidator
{
    private const int MaxTags = 20;

    public static string? Problem(WorkspaceRequest request, bool creating, bool allowFileSources)
    {
        if (creating && InfraNames.Problem(request.Name, "workspace name") is { } name)
        {
            return name;
        }

        if (request.Source is { } source && SourceProblem(source, allowFileSources) is { } sourceProblem)
        {
            return sourceProblem;
        }

        if (request.Branch is { } branch && !RefPattern().IsMatch(branch))
        {
            return $"branch '{branch}' is not a valid git branch name.";
        }

        if (request.Commit is { } commit && !CommitPattern().IsMatch(commit))
        {
            return $"commit '{commit}' is not a git commit id (7–40 hex characters).";
        }

        if (request.Folder is { } folder && (folder.Length > 256 || folder.Split('/').Any(p => p == "..") || folder.StartsWith('/') || folder.Contains('\\', StringComparison.Ordinal)))
        {
            return $"folder '{folder}' must be a relative path inside the source, without '..'.";
        }

        if (request.IacType is { } iac && iac is not (Workspace.Terraform or Workspace.Tofu))
        {
            return $"iacType '{iac}' is not supported; use 'terraform' or 'tofu'.";
        }

        if (request.TerraformVersion is { } version && !VersionPattern().IsMatch(version))
        {
            return $"terraformVersion '{version}' is not a version such as '1.11.0'.";
        }

        if (request.ExecutionMode is { } mode && mode is not ("remote" or "local"))
        {
            return $"executionMode '{mode}' is not supported; use 'remote' (Stratus runs the jobs) or 'local' (state only).";
        }

        if (request.DefaultTemplate is { } template && InfraNames.Problem(template, "default template") is { } templateProblem)
        {
            return templateProblem;
        }

        if (request.Tags is { } tags)
        {
            if (tags.Count > MaxTags)
            {
                return $"A workspace has at most {MaxTags} tags.";
            }

            if (tags.Select(t => InfraNames.Problem(t, "tag")).FirstOrDefault(p => p is not null) is { } tagProblem)
            {
                return tagProblem;
            }
        }

        return null;
    }

    private static string? SourceProblem(string source, bool allowFileSources)
    {
        if (source.Length > 2048)
        {
            return "source is longer than 2048 characters.";
        }

        if (source.StartsWith("git@", StringComparison.Ordinal) && ScpPattern().IsMatch(source))
        {
            return null;
        }

        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri))
        {
            return $"source '{source}' is not a git URL (https://…, ssh://… or git@host:path).";
        }

        return uri.Scheme switch
        {
            "https" or "http" or "ssh" => uri.UserInfo.Contains(':', StringComparison.Ordinal)
                ? "source must not carry a password; use an SSH key or a VCS connection."
                : null,
            "file" when allowFileSources => null,
            _ => $"source scheme '{uri.Scheme}' is not allowed; use https, http or ssh.",
        };
    }

    [GeneratedRegex("^(?!-)(?!.*\\.\\.)[A-Za-z0-9._/-]{1,200}(?<!\\.lock)(?<!/)\\z")]
    private static partial Regex RefPattern();

    [GeneratedRegex("^[0-9a-f]{7,40}\\z")]
    private static partial Regex CommitPattern();

    [GeneratedRegex("^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.]+)?\\z")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^git@[A-Za-z0-9.-]+:[A-Za-z0-9._/~-]+\\z")]
    private static partial Regex ScpPattern();
}
