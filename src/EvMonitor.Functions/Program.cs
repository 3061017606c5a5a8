using EvMonitor.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddEvMonitorFunctions(builder.Configuration);
var telemetry = builder.Services.AddOpenTelemetry().AddEvMonitorMetrics(builder.Configuration);
if (Observability.SendsToAzureMonitor(builder.Configuration))
{
    // The worker then sends its logs and metrics itself, with the app's managed identity; the host
    // (host.json's telemetryMode) sends its own. Without it, as locally, the worker's logs go through
    // the host as before: the worker defaults tell the host to stop forwarding them.
    telemetry.UseFunctionsWorkerDefaults().AddAzureMonitor(builder.Configuration);
}
builder.Build().Run();
