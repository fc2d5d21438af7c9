using Stratus.Api;
using Stratus.Standalone;
using Stratus.Standalone.Tls;
using Stratus.Standalone.Triggers;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddHostJson();
builder.WebHost.UseStratusListenAddress(builder.Configuration).UseStratusHttps();
builder.Services.AddStratusPlatform(builder.Configuration, StratusHost.Standalone);
builder.Services.AddStandaloneTriggers();
builder.Services.AddHostedService<StartupBanner>();

var app = builder.Build();
app.UseStratusPlatform();
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
// Public because xunit fixtures over WebApplicationFactory<Program> are public types, which cannot expose an internal one.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Maintainability", "CA1515:Consider making public types internal", Justification = "WebApplicationFactory<Program> in public test fixtures")]
public partial class Program;
