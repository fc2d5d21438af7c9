using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Functions.Api;

namespace Stratus.Functions.Apps;

internal static class AppProblems
{
    public static ProblemHttpResult NoApp(string app) => ApiProblems.NotFound($"There is no app named '{app}' (or you may not see it).");
}
