using Stratus.Client.Models;
using Stratus.Testing;

namespace Stratus.Client.Tests;

/// <summary>The generated client against the real API in process, as the README's automation example uses it.</summary>
public sealed class StratusClientTests(ClientApiFixture api) : IClassFixture<ClientApiFixture>
{
    [Fact]
    public async Task Client_WithToken_CreatesOrganizationAndListsItsWorkspaces()
    {
        using var http = api.CreateClient(token: null);
        var stratus = StratusClientFactory.Create(http.BaseAddress!, api.AdminToken, http);
        var name = UniqueNames.Next("acme-", 10);

        var created = await stratus.Api.V1.Organizations.PostAsync(new OrganizationRequest { Name = name, Description = "made by Stratus.Client" }, cancellationToken: TestTimeout.Token());
        var page = await stratus.Api.V1.Organizations[name].Workspaces.GetAsync(r => r.QueryParameters.Limit = 200, TestTimeout.Token());
        var me = await stratus.Api.V1.Whoami.GetAsync(cancellationToken: TestTimeout.Token());

        Assert.Equal(name, created!.Name);
        Assert.Empty(page!.Items!);
        Assert.Null(page.Continuation);
        Assert.Equal("user:admin", me!.Principal);
    }

    [Fact]
    public async Task Client_JobOnMissingWorkspace_ThrowsProblemDetailsWithDetail()
    {
        using var http = api.CreateClient(token: null);
        var stratus = StratusClientFactory.Create(http.BaseAddress!, api.AdminToken, http);

        var problem = await Assert.ThrowsAsync<ProblemDetails>(() => stratus.Api.V1.Organizations["no-such-org"].Workspaces["network"].Jobs
            .PostAsync(new CreateJobRequest { Template = "plan-and-apply" }, cancellationToken: TestTimeout.Token()));

        Assert.Equal(404, problem.ResponseStatusCode);
        Assert.Equal(404, problem.Status);
        Assert.False(string.IsNullOrEmpty(problem.Detail));
        Assert.False(string.IsNullOrEmpty(problem.RequestId));
    }

    [Fact]
    public async Task Client_WithoutToken_ThrowsUnauthorizedProblem()
    {
        using var http = api.CreateClient(token: null);
        var stratus = StratusClientFactory.Create(http.BaseAddress!, token: null, http);

        var problem = await Assert.ThrowsAsync<ProblemDetails>(() => stratus.Api.V1.Users.GetAsync(cancellationToken: TestTimeout.Token()));

        Assert.Equal(401, problem.ResponseStatusCode);
    }
}
