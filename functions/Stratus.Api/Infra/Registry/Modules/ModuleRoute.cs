using Stratus.Infra.Registry.Modules;

namespace Stratus.Api.Infra.Registry.Modules;

/// <summary>The name and system segments of a module's routes, checked before they become storage keys.</summary>
internal static class ModuleRoute
{
    public static bool IsValid(string name, string system) => Problem(name, system) is null;

    public static string? Problem(string name, string system) => ModuleNames.NameProblem(name) ?? ModuleNames.SystemProblem(system);
}
