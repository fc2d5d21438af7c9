using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;

namespace Stratus.Api.Apps.Jobs;

internal static class AppJobProblems
{
    public static ProblemHttpResult NoJob(string job) => ApiProblems.NotFound($"There is no job named '{job}' (or you may not see it).");

    public static ProblemHttpResult NoRun(string job, string id) => ApiProblems.NotFound($"Job '{job}' has no run '{id}'. See GET /api/v1/jobs/{job}/runs.");
}
