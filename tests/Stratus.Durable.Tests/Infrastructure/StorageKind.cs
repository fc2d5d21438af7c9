namespace Stratus.Durable.Tests.Infrastructure;

/// <summary>The two storage adapters every engine test runs on.</summary>
public enum StorageKind
{
    Embedded,
    Azurite,
}
