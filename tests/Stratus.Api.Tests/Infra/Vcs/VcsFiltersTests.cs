using Stratus.Api.Infra.Vcs;

namespace Stratus.Api.Tests.Infra.Vcs;

public sealed class VcsFiltersTests
{
    [Theory]
    [InlineData("main", "main", true)]
    [InlineData("main", "maint", false)]
    [InlineData("release/*", "release/1.2", true)]
    [InlineData("release/*", "hotfix/1.2", false)]
    [InlineData("*-stable", "2-stable", true)]
    [InlineData("a*b*c", "abc", true)]
    [InlineData("a*b*c", "acb", false)]
    [InlineData("ab*ba", "aba", false)]
    public void BranchMatches_Pattern_MatchesAsGlob(string pattern, string branch, bool expected)
    {
        Assert.Equal(expected, VcsFilters.BranchMatches([pattern], branch));
    }

    [Fact]
    public void BranchMatches_NoPatterns_MatchesEveryBranch()
    {
        Assert.True(VcsFilters.BranchMatches([], "anything"));
    }

    [Theory]
    [InlineData("infra/network", true)]
    [InlineData("/infra/network/", true)]
    [InlineData("infra/net", false)]
    [InlineData("apps", false)]
    [InlineData("/", true)]
    public void PathsMatch_Folder_MatchesFilesInsideIt(string folder, bool expected)
    {
        Assert.Equal(expected, VcsFilters.PathsMatch([folder], ["README.md", "infra/network/main.tf"]));
    }

    [Fact]
    public void PathsMatch_NoFolders_MatchesAnyChange()
    {
        Assert.True(VcsFilters.PathsMatch([], ["x"]));
    }
}
