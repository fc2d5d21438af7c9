using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stratus.Api.Events;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlatformEvent))]
internal sealed partial class PlatformEventJsonContext : JsonSerializerContext;
