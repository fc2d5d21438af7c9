using Stratus.Api.Api.Validation;

namespace Stratus.Api.Apps.Events;

/// <summary>Why a running operation is cancelled; kept on the event for whoever looks at it later.</summary>
internal sealed record EventCancelRequest([property: Text(InputLimits.Reason)] string? Reason);
