using System.Text.Json;

namespace Stratus.Cli.Api;

/// <summary>An API answer: typed for tables, and as the JSON the API sent for <c>--output json</c>.</summary>
internal sealed record ApiResult<T>(T Value, JsonElement Json);
