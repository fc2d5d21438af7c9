namespace Stratus.Durable;

/// <summary>Which Durable Task Framework backend stores and dispatches the workflows (<c>Stratus:Durable:Backend</c>).</summary>
public enum DurableBackend
{
    /// <summary>Stratus's own backend on a SQLite file in the data folder: one machine, no account, the local default.</summary>
    Embedded,

    /// <summary>DurableTask.AzureStorage on the configured account: several machines share one task hub, as Durable Functions does.</summary>
    AzureStorage,
}
