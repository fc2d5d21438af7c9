using System.Text.Json.Serialization;

namespace Stratus.Api.Infra.Vcs;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VcsQueueMessage))]
internal sealed partial class VcsJsonContext : JsonSerializerContext;
