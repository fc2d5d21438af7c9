using Microsoft.AspNetCore.Http.HttpResults;
using Stratus.Api.Triggers;
using Stratus.Api.Security;
using Stratus.Identity.Authorization;
using Stratus.Storage;

namespace Stratus.Api.Api.Info;

internal static class InfoApi
{
    public static RouteGroupBuilder MapInfoApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/info").WithTags("Platform");
        group.MapGet("/", GetInfo)
            .WithName("GetPlatformInfo")
            .WithSummary("What this Stratus instance is: version, hosting mode, storage and declared functions.")
            .RequirePermission(PermissionNames.PlatformRead);
        return api;
    }

    internal static Ok<PlatformInfo> GetInfo(IStorageAccount storage, FunctionCatalog catalog, StratusHost host, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var version = typeof(InfoApi).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        var functions = catalog.Functions.Select(f => new FunctionSummary(f.Name, f.Trigger switch
        {
            HttpFunctionTrigger => "http",
            TimerFunctionTrigger t => $"timer {t.Schedule}",
            QueueFunctionTrigger q => $"queue {q.QueueName}",
            _ => "unknown",
        })).ToList();
        return TypedResults.Ok(new PlatformInfo(version, host.Mode, storage.Description, functions));
    }
}
