using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;

namespace Stratus.Api.Infra;

/// <summary>The not-found answers the infra areas share.</summary>
internal static class InfraProblems
{
    public static ProblemHttpResult NoWorkspace(string organization, string workspace) =>
        ApiProblems.NotFound($"There is no workspace '{workspace}' in organization '{organization}'.");

    public static ProblemHttpResult NoOrganization(string organization) => ApiProblems.NotFound($"There is no organization '{organization}'.");
}
