using System.Globalization;
using System.Text.Json;

namespace Stratus.Api.Infra.Vcs;

/// <summary>
/// Reads GitHub's <c>push</c> and <c>pull_request</c> and GitLab's <c>Push Hook</c> and <c>Merge Request Hook</c>
/// payloads (field names from the providers' webhook documentation). Pull requests count when opened, reopened or given
/// new commits (GitHub's <c>synchronize</c>; GitLab's <c>update</c> with an <c>oldrev</c>).
/// </summary>
/// <exception cref="InvalidDataException">The payload is not JSON or lacks a field the event needs.</exception>
internal static class VcsPayloadParser
{
    private const string BranchPrefix = "refs/heads/";

    public static VcsEvent Parse(string provider, string eventName, string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            return provider == Stratus.Infra.Vcs.VcsProviders.GitHub ? GitHub(eventName, root) : GitLab(eventName, root);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"The {provider} '{eventName}' payload is not usable: {ex.Message}", ex);
        }
    }

    private static VcsEvent GitHub(string eventName, JsonElement root)
    {
        var repository = root.GetProperty("repository").GetProperty("full_name").GetString()!;
        if (eventName == "push")
        {
            if (root.TryGetProperty("deleted", out var deleted) && deleted.GetBoolean() || Branch(root.GetProperty("ref").GetString()) is not { } branch)
            {
                return VcsEvent.Ignored;
            }

            return new VcsEvent(VcsEventKind.Push, repository, repository, branch, root.GetProperty("after").GetString()!, Paths(root), 0);
        }

        if (eventName == "pull_request" && root.GetProperty("action").GetString() is "opened" or "synchronize" or "reopened")
        {
            var pr = root.GetProperty("pull_request");
            return new VcsEvent(
                VcsEventKind.PullRequest, repository, repository, pr.GetProperty("base").GetProperty("ref").GetString()!,
                pr.GetProperty("head").GetProperty("sha").GetString()!, [], root.GetProperty("number").GetInt32());
        }

        return VcsEvent.Ignored;
    }

    private static VcsEvent GitLab(string eventName, JsonElement root)
    {
        var project = root.GetProperty("project");
        var repository = project.GetProperty("path_with_namespace").GetString()!;
        var projectId = project.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        if (eventName == "Push Hook")
        {
            var sha = root.GetProperty("after").GetString()!;
            if (sha.All(c => c == '0') || Branch(root.GetProperty("ref").GetString()) is not { } branch)
            {
                return VcsEvent.Ignored;
            }

            return new VcsEvent(VcsEventKind.Push, repository, projectId, branch, sha, Paths(root), 0);
        }

        if (eventName == "Merge Request Hook")
        {
            var mr = root.GetProperty("object_attributes");
            var action = mr.TryGetProperty("action", out var a) ? a.GetString() : null;
            var newCommits = action == "update" && mr.TryGetProperty("oldrev", out var oldrev) && oldrev.ValueKind == JsonValueKind.String;
            if (action is "open" or "reopen" || newCommits)
            {
                return new VcsEvent(
                    VcsEventKind.PullRequest, repository, projectId, mr.GetProperty("target_branch").GetString()!,
                    mr.GetProperty("last_commit").GetProperty("id").GetString()!, [], mr.GetProperty("iid").GetInt32());
            }
        }

        return VcsEvent.Ignored;
    }

    private static string? Branch(string? gitRef) =>
        gitRef is not null && gitRef.StartsWith(BranchPrefix, StringComparison.Ordinal) ? gitRef[BranchPrefix.Length..] : null;

    /// <summary>Every path the pushed commits add, change or remove (both providers list them per commit).</summary>
    private static List<string> Paths(JsonElement root)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("commits", out var commits) && commits.ValueKind == JsonValueKind.Array)
        {
            foreach (var commit in commits.EnumerateArray())
            {
                foreach (var field in (string[])["added", "modified", "removed"])
                {
                    if (commit.TryGetProperty(field, out var list) && list.ValueKind == JsonValueKind.Array)
                    {
                        paths.UnionWith(list.EnumerateArray().Select(p => p.GetString()!));
                    }
                }
            }
        }

        return [.. paths.Order(StringComparer.Ordinal)];
    }
}
