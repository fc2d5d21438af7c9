namespace Stratus.Storage;

public sealed record StorageMaintenanceResult(int OrphanedContentFilesDeleted, int ExpiredQueueMessagesDeleted);
