using Stratus.Functions;
using Stratus.Functions.Health;
using Stratus.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStratusListenAddress(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddStratusStorage(builder.Configuration);
builder.Services.AddStratusHealthChecks();
builder.Services.AddHostedService<StartupBanner>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthApi();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
