namespace Stratus.Cli.Commands.Apps;

/// <summary>A started operation (202): its event, and the API paths of the event and of its log.</summary>
internal sealed record AppOperationInfo(string EventId, string App, string Kind, string Status, string Event, string Log);
