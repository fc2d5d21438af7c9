using Azure;
using Stratus.Api.Triggers;

namespace Stratus.Standalone.Triggers.Timers;

/// <summary>A schedule status as read or written, with the ETag the next claim must match.</summary>
internal sealed record StoredTimerStatus(TimerScheduleStatus Status, ETag ETag);
