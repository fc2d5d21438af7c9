using System.Text.Json.Serialization;
using Stratus.Api.Triggers;

namespace Stratus.Standalone.Triggers.Timers;

/// <summary>The status blob's JSON: <c>{"Last":…,"Next":…,"LastUpdated":…}</c>, the Functions host's shape.</summary>
[JsonSerializable(typeof(TimerScheduleStatus))]
internal sealed partial class TimerStatusJsonContext : JsonSerializerContext;
