using Microsoft.Extensions.Diagnostics.HealthChecks;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Api.Health;

/// <summary>Ready means storage answers: one read of a table, without writing anything.</summary>
internal sealed class StorageHealthCheck(IStorageAccount storage) : IHealthCheck
{
    private const string TableName = "stratushealth";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.Tables.GetTable(TableName).QueryAsync(new TableQuery { PartitionKey = "probe", PageSize = 1 }, null, cancellationToken);
            return HealthCheckResult.Healthy(storage.Description);
        }
        catch (ResourceNotFoundException)
        {
            // The table never exists: a read that gets an answer is the whole check, and probes write nothing.
            return HealthCheckResult.Healthy(storage.Description);
        }
        catch (Exception ex) when (ex is StorageException or HttpRequestException or IOException or Azure.RequestFailedException)
        {
            return HealthCheckResult.Unhealthy($"Storage ({storage.Description}) is not answering: {ex.Message}", ex);
        }
    }
}
