using Microsoft.Extensions.Diagnostics.HealthChecks;
using Stratus.Storage;
using Stratus.Storage.Tables;

namespace Stratus.Functions.Health;

/// <summary>Ready means storage answers: a table round trip on a small health table.</summary>
internal sealed class StorageHealthCheck(IStorageAccount storage) : IHealthCheck
{
    private const string TableName = "stratushealth";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var table = storage.Tables.GetTable(TableName);
            await table.CreateIfNotExistsAsync(cancellationToken);
            await table.QueryAsync(new TableQuery { PartitionKey = "probe", PageSize = 1 }, null, cancellationToken);
            return HealthCheckResult.Healthy(storage.Description);
        }
        catch (Exception ex) when (ex is StorageException or HttpRequestException or IOException or Azure.RequestFailedException)
        {
            return HealthCheckResult.Unhealthy($"Storage ({storage.Description}) is not answering: {ex.Message}", ex);
        }
    }
}
