using Spectre.Console.Rendering;
using Stratus.Cli.Api;
using Stratus.Cli.Output;

namespace Stratus.Cli.Commands.Infra;

/// <summary>How the infrastructure commands print what they changed and what they show.</summary>
internal static class InfraOutput
{
    private static readonly string[] SettingHeaders = ["Setting", "Value"];

    /// <summary>The API's JSON with <c>--output json</c>; <paramref name="message"/> otherwise.</summary>
    public static void Changed<T>(CommandCall call, ApiResult<T> result, string message)
    {
        if (call.Output.IsJson)
        {
            call.Output.Json(result.Json);
        }

        call.Output.Success(message);
    }

    /// <summary>A two-column table of one resource's settings.</summary>
    public static IRenderable Settings(IEnumerable<string?[]> rows) => CliOutput.Table(SettingHeaders, rows);
}
