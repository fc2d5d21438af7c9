using Stratus.Functions;
using Stratus.Functions.Api;
using Stratus.Functions.Apps;
using Stratus.Functions.CustomHandler;
using Stratus.Functions.Durable;
using Stratus.Functions.Events;
using Stratus.Functions.Functions;
using Stratus.Functions.Health;
using Stratus.Functions.Identity;
using Stratus.Functions.Infra;
using Stratus.Functions.Maintenance;
using Stratus.Functions.Security;
using Stratus.Functions.Telemetry;
using Stratus.Functions.Triggers;
using Stratus.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddHostJson();
builder.WebHost.UseStratusListenAddress(builder.Configuration);
builder.Services.AddStratusStorage(builder.Configuration);
builder.Services.AddStratusApi(builder.Configuration);
builder.Services.AddStratusIdentity(builder.Configuration);
builder.Services.AddStratusInfra(builder.Configuration);
builder.Services.AddStratusApps(builder.Configuration);
builder.Services.AddStratusTelemetry();
builder.Services.AddStratusHealthChecks();
builder.Services.AddHttpFunction();
builder.Services.AddStratusMaintenance();
builder.Services.AddStratusEvents();
builder.Services.AddStratusOrchestrations(builder.Configuration);
builder.Services.AddStratusTriggers(builder.Configuration);
builder.Services.AddHostedService<StartupBanner>();

var app = builder.Build();
if (FunctionJsonCommand.TryRun(args, app.Services))
{
    return;
}

app.UseStratusApi();
app.UseStratusApiDocs();
app.MapHealthApi();
app.MapStratusApi();
app.MapCustomHandlerInvocations();
EndpointAccessValidator.EnsureDeclared(app);
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
