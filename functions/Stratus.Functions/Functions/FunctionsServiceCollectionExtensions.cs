using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Stratus.Functions.Functions;

/// <summary>Declaring functions: each call adds one declaration and registers its handler.</summary>
public static class FunctionsServiceCollectionExtensions
{
    public const string HttpFunctionName = "api";

    /// <summary>The one proxied HTTP function that covers every API route.</summary>
    public static IServiceCollection AddHttpFunction(this IServiceCollection services)
    {
        services.AddSingleton(new FunctionDeclaration(
            HttpFunctionName,
            new HttpFunctionTrigger("{*path}", ["get", "post", "put", "patch", "delete", "head", "options"]),
            null));
        services.TryAddSingleton(sp => new FunctionCatalog(sp.GetServices<FunctionDeclaration>()));
        return services;
    }

    public static IServiceCollection AddTimerFunction<TFunction>(this IServiceCollection services, string name, string schedule, bool runOnStartup = false)
        where TFunction : class, ITimerFunction
    {
        services.AddSingleton(new FunctionDeclaration(name, new TimerFunctionTrigger(schedule, runOnStartup), typeof(TFunction)));
        services.TryAddScoped<TFunction>();
        services.TryAddSingleton(sp => new FunctionCatalog(sp.GetServices<FunctionDeclaration>()));
        return services;
    }

    public static IServiceCollection AddQueueFunction<TFunction>(this IServiceCollection services, string name, string queueName)
        where TFunction : class, IQueueFunction
    {
        services.AddSingleton(new FunctionDeclaration(name, new QueueFunctionTrigger(queueName), typeof(TFunction)));
        services.TryAddScoped<TFunction>();
        services.TryAddSingleton(sp => new FunctionCatalog(sp.GetServices<FunctionDeclaration>()));
        return services;
    }
}
