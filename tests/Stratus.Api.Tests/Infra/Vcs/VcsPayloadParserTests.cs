using Stratus.Api.Infra.Vcs;
using Stratus.Infra.Vcs;

namespace Stratus.Api.Tests.Infra.Vcs;

public sealed class VcsPayloadParserTests
{
    [Fact]
    public void Parse_GitHubPush_ReadsBranchCommitAndEveryChangedPath()
    {
        var e = VcsPayloadParser.Parse(VcsProviders.GitHub, "push", VcsPayloads.Read("github-push"));

        Assert.Equal(VcsEventKind.Push, e.Kind);
        Assert.Equal("Codertocat/Hello-World", e.Repository);
        Assert.Equal("main", e.Branch);
        Assert.Equal("0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c", e.Sha);
        Assert.Equal(["README.md", "infra/network/main.tf", "infra/network/outputs.tf"], e.ChangedPaths);
    }

    [Fact]
    public void Parse_GitHubPullRequestOpened_ReadsNumberHeadShaAndBaseBranch()
    {
        var e = VcsPayloadParser.Parse(VcsProviders.GitHub, "pull_request", VcsPayloads.Read("github-pull-request-opened"));

        Assert.Equal(VcsEventKind.PullRequest, e.Kind);
        Assert.Equal(2, e.PullRequest);
        Assert.Equal("ec26c3e57ca3a959ca5aad62de7213c562f8c821", e.Sha);
        Assert.Equal("main", e.Branch);
    }

    [Fact]
    public void Parse_GitHubPullRequestClosed_IsIgnored()
    {
        var closed = VcsPayloads.Read("github-pull-request-opened").Replace("\"action\": \"opened\"", "\"action\": \"closed\"", StringComparison.Ordinal);

        Assert.Equal(VcsEventKind.Ignored, VcsPayloadParser.Parse(VcsProviders.GitHub, "pull_request", closed).Kind);
    }

    [Fact]
    public void Parse_GitHubBranchDeletion_IsIgnored()
    {
        var deleted = VcsPayloads.Read("github-push").Replace("\"deleted\": false", "\"deleted\": true", StringComparison.Ordinal);

        Assert.Equal(VcsEventKind.Ignored, VcsPayloadParser.Parse(VcsProviders.GitHub, "push", deleted).Kind);
    }

    [Fact]
    public void Parse_GitLabPushHook_ReadsProjectIdPathAndChangedPaths()
    {
        var e = VcsPayloadParser.Parse(VcsProviders.GitLab, "Push Hook", VcsPayloads.Read("gitlab-push"));

        Assert.Equal(VcsEventKind.Push, e.Kind);
        Assert.Equal("mike/diaspora", e.Repository);
        Assert.Equal("15", e.ProjectId);
        Assert.Equal("master", e.Branch);
        Assert.Equal("da1560886d4f094c3e6c9ef40349f7d38b5d27d7", e.Sha);
        Assert.Equal(["CHANGELOG", "app/controller/application.rb"], e.ChangedPaths);
    }

    [Fact]
    public void Parse_GitLabMergeRequestOpened_ReadsIidLastCommitAndTargetBranch()
    {
        var e = VcsPayloadParser.Parse(VcsProviders.GitLab, "Merge Request Hook", VcsPayloads.Read("gitlab-merge-request-opened"));

        Assert.Equal(VcsEventKind.PullRequest, e.Kind);
        Assert.Equal(1, e.PullRequest);
        Assert.Equal("1", e.ProjectId);
        Assert.Equal("master", e.Branch);
        Assert.Equal("da1560886d4f094c3e6c9ef40349f7d38b5d27d7", e.Sha);
    }

    [Fact]
    public void Parse_GitLabMergeRequestUpdateWithoutNewCommits_IsIgnored()
    {
        var retitled = VcsPayloads.Read("gitlab-merge-request-opened").Replace("\"action\": \"open\"", "\"action\": \"update\"", StringComparison.Ordinal);

        Assert.Equal(VcsEventKind.Ignored, VcsPayloadParser.Parse(VcsProviders.GitLab, "Merge Request Hook", retitled).Kind);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"ref\": \"refs/heads/main\"}")]
    public void Parse_UnusablePayload_ThrowsInvalidData(string payload)
    {
        Assert.Throws<InvalidDataException>(() => VcsPayloadParser.Parse(VcsProviders.GitHub, "push", payload));
    }
}
