namespace Stratus.Standalone.Tests.Triggers.Queues;

/// <summary>Which real store a listener test runs against.</summary>
public enum QueueStore
{
    Embedded,
    Azurite,
}
