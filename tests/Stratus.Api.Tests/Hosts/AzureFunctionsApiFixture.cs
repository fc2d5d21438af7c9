using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Stratus.Api.Events;
using Stratus.Api.Triggers;
using Stratus.AzureFunctions;
using Stratus.AzureFunctions.Http;
using Stratus.AzureFunctions.Triggers;
using Stratus.Durable;
using Stratus.Identity.Tokens;
using Stratus.Storage;
using Stratus.Testing.Functions;

namespace Stratus.Api.Tests.Hosts;

/// <summary>
/// The API through the Azure app's HTTP functions, with no Functions host. The app's own composition
/// (<c>AddStratusAzureFunctions</c>) serves behind an in-memory server that plays the host and the worker's ASP.NET
/// Core integration: it picks the function by route prefix, as the host's routes do, gives it a request whose services
/// are a scope of its own, as the worker does, and invokes <see cref="HttpFunctions"/> directly.
/// The <c>[DurableClient]</c> binding is played by <see cref="DurableClientBinding"/>: orchestrations the API starts are
/// scheduled and stay pending, since running them is Durable Functions' part.
/// The host's queue trigger is played too: messages on the events queue go to <see cref="QueueFunctions"/>, and a
/// message whose invocation throws is left for redelivery, as the host leaves it.
/// </summary>
public sealed class AzureFunctionsApiFixture : IStratusApiHost, IDisposable
{
    private readonly WebApplication _app;
    private readonly DurableClientBinding _durable;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _queueTrigger;

    public AzureFunctionsApiFixture()
    {
        DataPath = Directory.CreateTempSubdirectory("stratus-azfn-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Stratus:Storage:Provider"] = "Embedded",
            ["Stratus:Storage:DataPath"] = DataPath,
            ["Stratus:Identity:BootstrapAdminToken"] = AdminToken,
        };

        _durable = new DurableClientBinding(DataPath);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddStratusAzureFunctions(builder.Configuration);
        _app = builder.Build();
        _app.Run(InvokeFunctionAsync);
        _app.Start();
        _queueTrigger = Task.Run(() => FireQueueTriggerAsync(_stopping.Token));
    }

    public string AdminToken { get; } = TokenSecrets.Create(TokenKind.Personal);

    public string DataPath { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The client the <c>[DurableClient]</c> binding hands the functions.</summary>
    public DurableTaskClient Durable => _durable.Client;

    public HttpClient CreateClient() => CreateClient(AdminToken);

    public HttpClient CreateClient(string? token)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _queueTrigger.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for its next poll.
        }

        _stopping.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
        _durable.Dispose();
        Directory.Delete(DataPath, recursive: true);
    }

    private async Task FireQueueTriggerAsync(CancellationToken cancellationToken)
    {
        var queue = Services.GetRequiredService<IStorageAccount>().Queues.GetQueue(EventQueueFunction.QueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (await poll.WaitForNextTickAsync(cancellationToken))
        {
            foreach (var message in await queue.ReceiveAsync(16, TimeSpan.FromSeconds(30), cancellationToken))
            {
                using var scope = Services.CreateScope();
                var bindingData = new Dictionary<string, object?>
                {
                    ["Id"] = message.MessageId,
                    ["PopReceipt"] = message.PopReceipt,
                    ["DequeueCount"] = message.DequeueCount,
                    ["InsertionTime"] = message.InsertedOn,
                };
                var context = new DirectFunctionContext(EventQueueFunction.Name, scope.ServiceProvider, bindingData, cancellationToken);
                try
                {
                    await ActivatorUtilities.CreateInstance<QueueFunctions>(scope.ServiceProvider)
                        .Events(FunctionsQueueMessageEncoding.Decode(message.Text), context);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // A failed invocation: the message becomes visible again after its visibility timeout.
                }
            }
        }
    }

    private Task InvokeFunctionAsync(HttpContext context)
    {
        var functions = ActivatorUtilities.CreateInstance<HttpFunctions>(context.RequestServices);
        var prefix = context.Request.Path.Value?.TrimStart('/').Split('/')[0];
        switch (prefix)
        {
            case HttpFunctionRoutes.Api:
                return functions.Api(context.Request, Durable);
            case HttpFunctionRoutes.Health:
                return functions.Health(context.Request);
            case HttpFunctionRoutes.OpenApi:
                return functions.OpenApi(context.Request);
            case HttpFunctionRoutes.Docs:
                return functions.Docs(context.Request);
            case ".well-known":
                return functions.WellKnown(context.Request);
            default:
                // The host answers paths no function's route matches with an empty 404.
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
        }
    }
}
