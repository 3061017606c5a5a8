using EvMonitor.Functions;
using EvMonitor.Functions.Functions;
using EvMonitor.Settings;
using EvMonitor.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace EvMonitor.LocalHost;

/// <summary>
/// Serves the Functions app's own function classes over HTTP and feeds its queue-triggered function
/// from the real queue, for machines without Azure Functions Core Tools.
/// </summary>
public static class LocalServer
{
    /// <param name="configure">Runs after the app's own registrations, so it can replace any service (a clock, a store).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // As local.settings.sample.json: one telemetry queue in one account, the other shards' functions disabled.
        var defaults = NormalizeTelemetryFunction.ShardSettings(1, "UseDevelopmentStorage=true");
        defaults[StorageNames.TelemetryQueueSetting] = StorageNames.DefaultTelemetryQueue;
        defaults[nameof(LocalHostUrls.Urls)] = new LocalHostUrls().Urls;
        builder.Configuration.AddInMemoryCollection(defaults);
        builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);
        // Bodies are limited (and answered 413) by the functions themselves.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);

        var host = HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"), builder.Configuration);
        var (httpFunctions, queueFunctions, failedFunctions) = FunctionCatalog.Discover(typeof(PushFunction).Assembly, builder.Configuration);
        // The role decides which functions are registered, so it is checked now rather than at start.
        var local = builder.Configuration.ReadSettings<LocalHostOptions>();
        if (!local.ServesApi)
            httpFunctions = [];
        if (!local.RunsWorker)
            queueFunctions = [];

        builder.Services.AddEvMonitorFunctions(builder.Configuration);
        builder.Services.AddSettings<LocalHostOptions>();
        builder.Services.AddSettings<LocalHostUrls>();
        // The metrics without Azure: EvMonitor__ConsoleMetrics=true prints them.
        builder.Services.AddOpenTelemetry().AddEvMonitorMetrics(builder.Configuration);
        foreach (var function in queueFunctions.Where(f => !IsDisabled(builder.Configuration, f.Name)))
        {
            builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerPump>(sp, function, host.Queues));
        }
        builder.Services.AddSingleton<LocalMetrics>();
        configure?.Invoke(builder);

        var app = builder.Build();
        // As the Functions host: a function that cannot be indexed is left out and the others run.
        foreach (var failed in failedFunctions)
            app.Logger.LogError("Function '{Function}' failed indexing and will be disabled: {Error}", failed.Name, failed.Error);
        // Exact storage request counts and push stage times, for the load tool (docs/performance.md).
        var metrics = app.Services.GetRequiredService<LocalMetrics>();
        app.MapGet(LocalMetrics.Path, () => Results.Json(metrics.Read()));
        app.MapDelete(LocalMetrics.Path, () => metrics.Clear());
        foreach (var function in httpFunctions)
        {
            var pattern = $"/{host.RoutePrefix}/{function.Route}";
            RequestDelegate invoke = async context =>
            {
                var result = (IActionResult)(await FunctionCatalog.InvokeAsync(context.RequestServices, function.Method, context.Request, context.RequestAborted))!;
                await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            };
            // Here literal routes rank above the catch-all whatever the order; the Functions host
            // tries routes in function-name order, which the catch-all's name accounts for.
            if (function.Methods.Count == 0)
                app.Map(pattern, invoke);
            else
                app.MapMethods(pattern, function.Methods, invoke);
        }
        return app;
    }

    /// <summary>The Functions host's own switch: the app setting <c>AzureWebJobs.&lt;name&gt;.Disabled=true</c> keeps a function from being triggered.</summary>
    private static bool IsDisabled(IConfiguration configuration, string functionName) =>
        configuration.GetValue($"AzureWebJobs.{functionName}.Disabled", false);
}
