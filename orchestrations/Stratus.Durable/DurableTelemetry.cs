using System.Diagnostics;

namespace Stratus.Durable;

/// <summary>The activity source for durable work; the host's OpenTelemetry subscribes to <see cref="SourceName"/>.</summary>
public static class DurableTelemetry
{
    public const string SourceName = "Stratus.Durable";

    public const string InstanceIdTag = "durable.instance_id";

    public const string ActivityNameTag = "durable.activity";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span for one execution of an activity, started by whichever runtime executes it.</summary>
    public static Activity? StartActivityExecution(string activityName, string? instanceId)
    {
        var activity = Source.StartActivity("activity " + activityName, ActivityKind.Internal);
        activity?.SetTag(InstanceIdTag, instanceId);
        activity?.SetTag(ActivityNameTag, activityName);
        return activity;
    }
}
