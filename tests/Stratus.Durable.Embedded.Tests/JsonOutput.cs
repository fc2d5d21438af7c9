using System.Text.Json;

namespace Stratus.Durable.Embedded.Tests;

/// <summary>Reads an orchestration's serialized output the way the Durable Task SDK wrote it (System.Text.Json).</summary>
internal static class JsonOutput
{
    public static T Read<T>(string? serialized) => JsonSerializer.Deserialize<T>(serialized ?? "null")!;
}
