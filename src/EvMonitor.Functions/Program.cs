using EvMonitor.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Logs go through the Functions host, which sends them to Application Insights with the app's
// managed identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING); the worker holds no telemetry key.
builder.Services.AddEvMonitorFunctions(builder.Configuration);
builder.Build().Run();
