using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;

namespace Stratus.Api.Tests.Security;

public sealed class EndpointAccessValidatorTests
{
    [Fact]
    public void FindProblems_EndpointWithoutDeclaration_NamesItAndTheFix()
    {
        var problems = EndpointAccessValidator.FindProblems([Source(Endpoint("/api/v1/open"))]);

        var problem = Assert.Single(problems);
        Assert.Contains("/api/v1/open", problem, StringComparison.Ordinal);
        Assert.Contains(".RequirePermission", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_UnknownPermission_IsReported()
    {
        var problems = EndpointAccessValidator.FindProblems([Source(Endpoint("/x", new RequiredPermission("app.teleport", ScopeKind.Global, [])))]);

        Assert.Contains("app.teleport", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_ScopeFromMissingRouteValue_IsReported()
    {
        var problems = EndpointAccessValidator.FindProblems([Source(Endpoint("/apps/{name}", new RequiredPermission(PermissionNames.AppDeploy, ScopeKind.App, ["app"])))]);

        Assert.Contains("'app'", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_ScopeThePermissionCannotBeGrantedOn_IsReported()
    {
        var problems = EndpointAccessValidator.FindProblems([Source(Endpoint("/users/{team}", new RequiredPermission(PermissionNames.UserManage, ScopeKind.Team, ["team"])))]);

        Assert.Contains("cannot be granted", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void FindProblems_EveryKindOfValidDeclaration_HasNoProblems()
    {
        var problems = EndpointAccessValidator.FindProblems([Source(
            Endpoint("/a", new PublicAccess("probe")),
            Endpoint("/b", new AuthenticatedAccess()),
            Endpoint("/apps/{app}", new RequiredPermission(PermissionNames.AppDeploy, ScopeKind.App, ["app"])),
            Endpoint("/o/{org}/w/{ws}", new RequiredPermission(PermissionNames.WorkspaceManage, ScopeKind.Workspace, ["org", "ws"])))]);

        Assert.Empty(problems);
    }

    [Fact]
    public void EnsureDeclared_AnyProblem_ThrowsSoTheAppDoesNotStart()
    {
        var builder = WebApplication.CreateBuilder();
        using var app = builder.Build();
        app.MapGet("/undeclared", () => "open");

        var ex = Assert.Throws<InvalidOperationException>(() => EndpointAccessValidator.EnsureDeclared(app));

        Assert.Contains("/undeclared", ex.Message, StringComparison.Ordinal);
    }

    private static DefaultEndpointDataSource Source(params Endpoint[] endpoints) => new(endpoints);

    private static RouteEndpoint Endpoint(string pattern, params object[] metadata) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0, new EndpointMetadataCollection(metadata), pattern);
}
