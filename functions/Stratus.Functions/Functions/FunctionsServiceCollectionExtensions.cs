using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Stratus.Functions.Functions;

/// <summary>Declaring functions: each call adds one declaration and registers its handler.</summary>
public static class FunctionsServiceCollectionExtensions
{
    public const string HttpFunctionName = "api";

    private static readonly string[] HttpMethods = ["get", "post", "put", "patch", "delete", "head", "options"];

    /// <summary>
    /// The proxied HTTP functions: the API, health, and the OpenAPI document and UI. Each covers one path prefix, so
    /// the Functions host proxies only those; the custom-handler invocation paths (<c>POST /&lt;function&gt;</c>) stay
    /// out of reach of outside callers, who would otherwise reach them through the proxy from loopback.
    /// </summary>
    public static IServiceCollection AddHttpFunction(this IServiceCollection services)
    {
        foreach (var (name, prefix) in new[] { (HttpFunctionName, "api"), ("health", "health"), ("openapi", "openapi"), ("docs", "docs") })
        {
            services.AddSingleton(new FunctionDeclaration(name, new HttpFunctionTrigger(prefix + "/{*path}", HttpMethods), null));
        }

        return services.AddFunctionCatalog();
    }

    public static IServiceCollection AddTimerFunction<TFunction>(this IServiceCollection services, string name, string schedule, bool runOnStartup = false)
        where TFunction : class, ITimerFunction
    {
        services.AddSingleton(new FunctionDeclaration(name, new TimerFunctionTrigger(schedule, runOnStartup), typeof(TFunction)));
        services.TryAddScoped<TFunction>();
        return services.AddFunctionCatalog();
    }

    public static IServiceCollection AddQueueFunction<TFunction>(this IServiceCollection services, string name, string queueName, bool listenStandalone = true)
        where TFunction : class, IQueueFunction
    {
        services.AddSingleton(new FunctionDeclaration(name, new QueueFunctionTrigger(queueName, ListenStandalone: listenStandalone), typeof(TFunction)));
        services.TryAddScoped<TFunction>();
        return services.AddFunctionCatalog();
    }

    /// <summary>The catalog of every declared function; the trigger loops and the custom-handler endpoints read it.</summary>
    public static IServiceCollection AddFunctionCatalog(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new FunctionCatalog(sp.GetServices<FunctionDeclaration>()));
        return services;
    }
}
