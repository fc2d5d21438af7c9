namespace Stratus.Storage;

/// <summary>The storage settings (provider, connection string, data path) cannot be used as given.</summary>
internal sealed class StorageConfigurationException(string message, Exception? innerException = null)
    : Exception(message, innerException);
