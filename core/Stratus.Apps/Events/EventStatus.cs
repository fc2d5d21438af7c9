namespace Stratus.Apps.Events;

public static class EventStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public static bool IsFinal(string status) => status is Succeeded or Failed or Canceled;
}
