using Stratus.Infra.Execution;
using Stratus.Testing;

namespace Stratus.Infra.Tests.Execution;

public sealed class GitSourceTests(GitRepositoryFixture repository) : IClassFixture<GitRepositoryFixture>, IDisposable
{
    private readonly TempDirectory _directory = new();

    private string Destination => _directory.Combine("clone");

    public void Dispose() => _directory.Dispose();

    [GitFact]
    public async Task CloneAsync_Branch_ShallowCloneOfTheBranchTip()
    {
        var log = new LogLines();

        var commit = await GitSource.CloneAsync(repository.BareUrl, "feature", null, Destination, log.Add, TestTimeout.Token());

        Assert.Equal(repository.FeatureTip, commit);
        Assert.True(File.Exists(Path.Combine(Destination, "feature.tf")));
        Assert.True(File.Exists(Path.Combine(Destination, ".git", "shallow")), "a branch clone should be shallow");
        Assert.Contains(log.Lines, l => l.Contains("branch feature", StringComparison.Ordinal));
    }

    [GitFact]
    public async Task CloneAsync_NoBranch_DefaultBranchTip()
    {
        var commit = await GitSource.CloneAsync(repository.BareUrl, null, null, Destination, _ => { }, TestTimeout.Token());

        Assert.Equal(repository.MainTip, commit);
        Assert.Equal("# v2\n", await File.ReadAllTextAsync(Path.Combine(Destination, "main.tf")));
    }

    [GitFact]
    public async Task CloneAsync_Commit_ChecksOutThatCommit()
    {
        var commit = await GitSource.CloneAsync(repository.BareUrl, "main", repository.FirstCommit, Destination, _ => { }, TestTimeout.Token());

        Assert.Equal(repository.FirstCommit, commit);
        Assert.Equal("# v1\n", await File.ReadAllTextAsync(Path.Combine(Destination, "main.tf")));
        Assert.False(File.Exists(Path.Combine(Destination, "feature.tf")));
    }

    [GitFact]
    public async Task CloneAsync_MissingBranch_FailsWithGitsMessageAndLeavesNothing()
    {
        var thrown = await Assert.ThrowsAsync<GitSourceException>(() =>
            GitSource.CloneAsync(repository.BareUrl, "no-such-branch", null, Destination, _ => { }, TestTimeout.Token()));

        Assert.Contains("no-such-branch", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("not found", thrown.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, thrown.ExitCode);
        Assert.False(Directory.Exists(Destination));
    }

    [GitFact]
    public async Task CloneAsync_UnknownCommit_FailsAndLeavesNothing()
    {
        await Assert.ThrowsAsync<GitSourceException>(() =>
            GitSource.CloneAsync(repository.BareUrl, null, "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef", Destination, _ => { }, TestTimeout.Token()));

        Assert.False(Directory.Exists(Destination));
    }

    [GitFact]
    public async Task CloneAsync_CredentialsInUrl_MaskedInLogsAndErrors()
    {
        var log = new LogLines();
        var url = $"http://oauth2:sup3r-s3cret-t0ken@127.0.0.1:{FreePort.Next()}/org/repo.git";

        var thrown = await Assert.ThrowsAsync<GitSourceException>(() => GitSource.CloneAsync(url, "main", null, Destination, log.Add, TestTimeout.Token()));

        Assert.DoesNotContain("sup3r-s3cret-t0ken", thrown.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sup3r-s3cret-t0ken", log.Text, StringComparison.Ordinal);
        Assert.Contains("http://***@127.0.0.1", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ext::sh -c touch% /tmp/pwned")]
    [InlineData("ext::sh")]
    [InlineData("fd::17")]
    [InlineData("git://example.com/repo.git")]
    [InlineData("-uhttps://example.com/repo.git")]
    [InlineData("/srv/git/repo.git")]
    [InlineData("https://example.com/repo with space.git")]
    [InlineData("")]
    public void UrlProblem_UnsafeOrUnsupportedUrl_Refused(string url) => Assert.NotNull(GitSource.UrlProblem(url));

    [Theory]
    [InlineData("https://github.com/org/repo.git")]
    [InlineData("http://git.internal/org/repo")]
    [InlineData("ssh://git@github.com/org/repo.git")]
    [InlineData("git@github.com:org/repo.git")]
    [InlineData("file:///srv/git/repo.git")]
    public void UrlProblem_SupportedUrl_Accepted(string url) => Assert.Null(GitSource.UrlProblem(url));

    [Theory]
    [InlineData("https://user:pass@host/r.git", "https://***@host/r.git")]
    [InlineData("https://token@host/r.git", "https://***@host/r.git")]
    [InlineData("https://host/r.git", "https://host/r.git")]
    [InlineData("git@host:r.git", "git@host:r.git")]
    public void DisplayUrl_Credentials_Masked(string url, string expected) => Assert.Equal(expected, GitSource.DisplayUrl(url));

    [Theory]
    [InlineData("--upload-pack=evil", null)]
    [InlineData("a..b", null)]
    [InlineData("main", "not-hex")]
    [InlineData("main", "-1")]
    public async Task CloneAsync_InvalidBranchOrCommit_RefusedBeforeRunningGit(string branch, string? commit) =>
        await Assert.ThrowsAsync<ArgumentException>(() => GitSource.CloneAsync("https://example.com/r.git", branch, commit, Destination, _ => { }, TestTimeout.Token()));
}
