namespace Stratus.Storage;

public enum StorageProvider
{
    /// <summary>SQLite and files under <see cref="StorageOptions.DataPath"/>: the local default, no account or emulator needed.</summary>
    Embedded,

    /// <summary>An Azure Storage account (or Azurite) through the Azure SDK clients.</summary>
    Azure,
}
