using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Stratus.Api.Triggers;

/// <summary>Declaring functions: each call adds one declaration and registers its handler.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// The HTTP functions: the API, health, and the OpenAPI document and UI. Each covers one path prefix, so the
    /// Functions host sends only those paths to the app.
    /// </summary>
    public static IServiceCollection AddHttpFunction(this IServiceCollection services)
    {
        foreach (var (name, route) in HttpFunctionRoutes.All)
        {
            services.AddSingleton(new FunctionDeclaration(name, new HttpFunctionTrigger(route, HttpFunctionRoutes.Methods), null));
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

    /// <summary>The catalog of every declared function; the standalone trigger loops, the info endpoint and the Azure app's metadata test read it.</summary>
    public static IServiceCollection AddFunctionCatalog(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new FunctionCatalog(sp.GetServices<FunctionDeclaration>()));
        return services;
    }
}
