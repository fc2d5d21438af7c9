using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Stratus.Processes;
using Stratus.Archives;

namespace Stratus.Infra.Execution;

/// <summary>
/// Fetches a workspace source with the git CLI: a shallow clone of a branch, or a full clone and a detached checkout of
/// a commit. Never prompts (a prompt would hang the step until the job times out), allows only the http(s), ssh and file
/// transports (not <c>ext::</c> and friends, which run commands), and masks credentials from the URL in every log line
/// and error.
/// </summary>
public static partial class GitSource
{
    private const int ErrorLinesKept = 20;

    private static readonly string[] Schemes = ["http", "https", "ssh", "file"];

    /// <summary>Clones into <paramref name="destination"/> (missing or empty) and returns the checked-out commit id.</summary>
    /// <param name="branch">A branch or tag; null for the remote's default branch.</param>
    /// <param name="commit">A commit id (4–64 hex digits) to check out; null for the tip of <paramref name="branch"/>.</param>
    public static async Task<string> CloneAsync(string url, string? branch, string? commit, string destination, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        ArgumentNullException.ThrowIfNull(log);
        if (UrlProblem(url) is { } problem)
        {
            throw new ArgumentException(problem, nameof(url));
        }

        if (branch is not null && !BranchPattern().IsMatch(branch))
        {
            throw new ArgumentException($"The branch '{branch}' is not a valid git branch or tag name.", nameof(branch));
        }

        if (commit is not null && !CommitPattern().IsMatch(commit))
        {
            throw new ArgumentException($"The commit '{commit}' is not valid: use 4 to 64 hexadecimal digits.", nameof(commit));
        }

        var root = Path.GetFullPath(destination);
        var created = !Directory.Exists(root);
        if (!created && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new IOException($"The clone destination '{root}' is not empty.");
        }

        var masker = new LogMasker(UrlSecrets(url));
        var shown = DisplayUrl(url);
        Directory.CreateDirectory(root);
        try
        {
            var clone = new List<string> { "-c", "advice.detachedHead=false", "clone" };
            if (commit is null)
            {
                // The tip is all a run needs; history would only cost time.
                clone.AddRange(["--depth", "1", "--single-branch"]);
            }
            else
            {
                // A commit can lie anywhere in the history, and not every server lets a shallow fetch ask for one by id.
                clone.Add("--no-checkout");
            }

            if (branch is not null)
            {
                clone.AddRange(["--branch", branch]);
            }

            clone.AddRange(["--", url, root]);
            log(commit is null
                ? $"Cloning {shown} at {(branch is null ? "the default branch" : "branch " + branch)}"
                : $"Cloning {shown} to check out commit {commit}");
            await RunGitAsync(clone, root, masker, log, "clone", shown, cancellationToken);

            if (commit is not null)
            {
                await RunGitAsync(["-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", commit], root, masker, log, "checkout of commit " + commit, shown, cancellationToken);
            }

            var head = (await CaptureGitAsync(["rev-parse", "HEAD"], root, masker, log, shown, cancellationToken)).Trim();
            log($"Checked out {head}");
            return head;
        }
        catch
        {
            LocalFiles.DeleteQuietly(root, keepRoot: !created);
            throw;
        }
    }

    /// <summary>
    /// The repository's tags (<c>git ls-remote --tags --refs</c>), without their <c>refs/tags/</c> prefix, in the order
    /// git lists them. Nothing is cloned.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ListTagsAsync(string url, CancellationToken cancellationToken)
    {
        if (UrlProblem(url) is { } problem)
        {
            throw new ArgumentException(problem, nameof(url));
        }

        var masker = new LogMasker(UrlSecrets(url));
        var shown = DisplayUrl(url);
        using var output = new MemoryStream();
        var errors = new List<string>();
        var exitCode = await ProcessRunner.RunAsync(
            GitSpec(["ls-remote", "--tags", "--refs", "--", url], Path.GetTempPath(), masker), output, errors.Add, cancellationToken);
        if (exitCode != 0)
        {
            throw new GitSourceException(
                string.Create(CultureInfo.InvariantCulture, $"git ls-remote of {shown} failed (exit code {exitCode}): {string.Join('\n', errors.TakeLast(ErrorLinesKept)).Trim()}"),
                exitCode);
        }

        const string Prefix = "refs/tags/";
        return Encoding.UTF8.GetString(output.ToArray())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', 2))
            .Where(parts => parts.Length == 2 && parts[1].StartsWith(Prefix, StringComparison.Ordinal))
            .Select(parts => parts[1][Prefix.Length..])
            .ToList();
    }

    /// <summary>Why git may not be given this URL, or null when it may.</summary>
    public static string? UrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Any(char.IsControl) || url.Any(char.IsWhiteSpace))
        {
            return "The repository URL must be non-empty and must not contain spaces or control characters.";
        }

        var scheme = SchemePattern().Match(url);
        if (scheme.Success)
        {
            return Schemes.Contains(scheme.Groups[1].Value.ToLowerInvariant()) && Uri.TryCreate(url, UriKind.Absolute, out _)
                ? null
                : $"The repository URL scheme '{scheme.Groups[1].Value}' is not accepted: use https://, http://, ssh:// or file://.";
        }

        // git's scp-like ssh form, user@host:path; "::" would select a remote helper (ext::, fd::) instead.
        return ScpPattern().IsMatch(url) && !url.Contains("::", StringComparison.Ordinal)
            ? null
            : $"The repository URL '{DisplayUrl(url)}' is not accepted: use https://, http://, ssh://, file:// or user@host:path.";
    }

    /// <summary>The URL with any user name and password replaced by <c>***</c>.</summary>
    public static string DisplayUrl(string url)
    {
        var scheme = SchemePattern().Match(url);
        if (!scheme.Success)
        {
            return url;
        }

        var authorityStart = scheme.Length;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = authorityEnd < 0 ? url[authorityStart..] : url[authorityStart..authorityEnd];
        var at = authority.LastIndexOf('@');
        return at < 0 ? url : string.Concat(url.AsSpan(0, authorityStart), "***", url.AsSpan(authorityStart + at));
    }

    private static IEnumerable<string> UrlSecrets(string url)
    {
        var scheme = SchemePattern().Match(url);
        if (!scheme.Success || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.UserInfo.Length == 0)
        {
            return [];
        }

        var parts = uri.UserInfo.Split(':', 2);
        var secrets = new List<string>();

        // An http(s) user name is often the token itself (https://TOKEN@host); an ssh one ("git") is not a secret.
        var http = uri.Scheme is "http" or "https";
        foreach (var part in http ? parts : parts.Skip(1))
        {
            secrets.Add(part);
            secrets.Add(Uri.UnescapeDataString(part));
        }

        return secrets;
    }

    private static ProcessSpec GitSpec(IReadOnlyList<string> arguments, string workingDirectory, LogMasker masker)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_ALLOW_PROTOCOL"] = "http:https:ssh:file",
            ["LC_ALL"] = "C",
        };
        if (Environment.GetEnvironmentVariable("GIT_SSH_COMMAND") is null)
        {
            // ssh would otherwise ask for a passphrase or to trust a new host key, and wait for ever.
            environment["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes";
        }

        // git is our tool, not user code: it may see the host's environment (ssh agent, proxy, credential helpers).
        return new ProcessSpec("git", arguments, workingDirectory) { Environment = environment, InheritEnvironment = true, Masker = masker };
    }

    private static async Task RunGitAsync(IReadOnlyList<string> arguments, string workingDirectory, LogMasker masker, Action<string> log, string what, string shownUrl, CancellationToken cancellationToken)
    {
        var tail = new Queue<string>();
        var exitCode = await ProcessRunner.RunAsync(GitSpec(arguments, workingDirectory, masker), line =>
        {
            log(line);
            tail.Enqueue(line);
            if (tail.Count > ErrorLinesKept)
            {
                tail.Dequeue();
            }
        }, cancellationToken);
        if (exitCode != 0)
        {
            throw new GitSourceException(
                string.Create(CultureInfo.InvariantCulture, $"git {what} of {shownUrl} failed (exit code {exitCode}): {string.Join('\n', tail).Trim()}"),
                exitCode);
        }
    }

    private static async Task<string> CaptureGitAsync(IReadOnlyList<string> arguments, string workingDirectory, LogMasker masker, Action<string> log, string shownUrl, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        var errors = new List<string>();
        var exitCode = await ProcessRunner.RunAsync(GitSpec(arguments, workingDirectory, masker), output, line =>
        {
            log(line);
            errors.Add(line);
        }, cancellationToken);
        if (exitCode != 0)
        {
            throw new GitSourceException(
                string.Create(CultureInfo.InvariantCulture, $"git {arguments[0]} in the clone of {shownUrl} failed (exit code {exitCode}): {string.Join('\n', errors).Trim()}"),
                exitCode);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]*)://", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePattern();

    [GeneratedRegex("^(?:[A-Za-z0-9._~-]+@)?[A-Za-z0-9][A-Za-z0-9.-]*:[^:]", RegexOptions.CultureInvariant)]
    private static partial Regex ScpPattern();

    // What git check-ref-format forbids, roughly: no leading '-', no '..', no control characters, spaces, ~ ^ : ? * [ \.
    [GeneratedRegex("^(?!-)(?!.*\\.\\.)(?!.*@\\{)[^\\x00-\\x20\\x7f~^:?*\\[\\\\]{1,255}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex BranchPattern();

    [GeneratedRegex("^[0-9a-fA-F]{4,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CommitPattern();
}
