using Stratus.Infra.Execution;
using Stratus.Testing;
using Stratus.Processes;

namespace Stratus.Infra.Tests.Execution;

/// <summary>
/// A local bare repository, made once for the git tests: main has two commits (main.tf "v1" then "v2"); feature adds
/// feature.tf on top.
/// </summary>
public sealed class GitRepositoryFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public string BareUrl => new Uri(_directory.Combine("origin.git")).AbsoluteUri;

    public string FirstCommit { get; private set; } = string.Empty;

    public string MainTip { get; private set; } = string.Empty;

    public string FeatureTip { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        if (ExternalTools.Git is null)
        {
            return;
        }

        var work = _directory.Combine("work");
        Directory.CreateDirectory(work);
        await GitAsync(_directory.FullPath, "init", "--quiet", "--bare", "-b", "main", "origin.git");
        await GitAsync(work, "init", "--quiet", "-b", "main");
        await File.WriteAllTextAsync(Path.Combine(work, "main.tf"), "# v1\n");
        await GitAsync(work, "add", ".");
        await GitAsync(work, "commit", "--quiet", "-m", "v1");
        FirstCommit = await GitAsync(work, "rev-parse", "HEAD");
        await File.WriteAllTextAsync(Path.Combine(work, "main.tf"), "# v2\n");
        await GitAsync(work, "commit", "--quiet", "-am", "v2");
        MainTip = await GitAsync(work, "rev-parse", "HEAD");
        await GitAsync(work, "checkout", "--quiet", "-b", "feature");
        await File.WriteAllTextAsync(Path.Combine(work, "feature.tf"), "# feature\n");
        await GitAsync(work, "add", ".");
        await GitAsync(work, "commit", "--quiet", "-m", "feature");
        FeatureTip = await GitAsync(work, "rev-parse", "HEAD");
        await GitAsync(work, "push", "--quiet", BareUrl, "main", "feature");
    }

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    private async Task<string> GitAsync(string workingDirectory, params string[] arguments)
    {
        var log = new LogLines();

        // A home of its own and no system config: the machine's git settings must not change the repository.
        var spec = new ProcessSpec("git", ["-c", "user.name=Stratus Tests", "-c", "user.email=tests@stratus.invalid", "-c", "commit.gpgsign=false", .. arguments], workingDirectory)
        {
            Environment = new Dictionary<string, string> { ["HOME"] = _directory.FullPath, ["GIT_CONFIG_NOSYSTEM"] = "1" },
        };
        var exitCode = await ProcessRunner.RunAsync(spec, log.Add, TestTimeout.Token());
        Assert.True(exitCode == 0, $"git {string.Join(' ', arguments)} failed: {log.Text}");
        return log.Text.Trim();
    }
}
