namespace Stratus.Api.Events;

/// <summary>How any part of Stratus reports that something happened: the event goes through the events queue.</summary>
public interface IPlatformEventPublisher
{
    Task PublishAsync(PlatformEvent platformEvent, CancellationToken cancellationToken);
}
