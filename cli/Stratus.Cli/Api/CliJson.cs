using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stratus.Cli.Api;

/// <summary>The API's JSON conventions: camelCase, and properties left out rather than sent as null.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
