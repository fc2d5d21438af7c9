using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Api;

namespace Stratus.Api.Apps;

internal static class AppProblems
{
    public static ProblemHttpResult NoApp(string app) => ApiProblems.NotFound($"There is no app named '{app}' (or you may not see it).");
}
