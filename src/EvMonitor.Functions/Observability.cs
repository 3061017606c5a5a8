using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using EvMonitor.Monitoring;
using EvMonitor.Settings;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace EvMonitor.Functions;

/// <summary>Where the app's logs and metrics go: Application Insights in Azure, the console locally when asked.</summary>
public static class Observability
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static TBuilder AddEvMonitorMetrics<TBuilder>(this TBuilder builder, IConfiguration configuration) where TBuilder : IOpenTelemetryBuilder
    {
        builder.WithMetrics(metrics =>
        {
            metrics.AddMeter(EvMonitorMetrics.MeterName);
            // Read before the service provider exists: the metric pipeline is built from it.
            if (configuration.GetSection(EvMonitorOptions.Section).Get<EvMonitorOptions>()?.ConsoleMetrics == true)
                metrics.AddConsoleExporter();
        });
        return builder;
    }

    /// <summary>Where Application Insights' connection string is set: in Azure, not locally.</summary>
    public static bool SendsToAzureMonitor(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]);

    /// <summary>Logs, traces and metrics to Application Insights, with the identity named by the authentication string.</summary>
    public static TBuilder AddAzureMonitor<TBuilder>(this TBuilder builder, IConfiguration configuration) where TBuilder : IOpenTelemetryBuilder
    {
        builder.UseAzureMonitorExporter(options =>
        {
            options.ConnectionString = configuration[ConnectionStringSetting];
            options.Credential = AzureMonitorCredential(configuration[AuthenticationStringSetting]);
        });
        return builder;
    }

    /// <summary>
    /// The identity the Functions host itself sends telemetry with, read from the same setting:
    /// <c>Authorization=AAD;ClientId=&lt;id&gt;</c> is the user-assigned managed identity with that client
    /// id (as the storage connection, see <c>StorageClients</c>), <c>Authorization=AAD</c> alone the
    /// system-assigned one. Null otherwise: the connection string's key is used, which an
    /// Application Insights resource with local authentication disabled refuses.
    /// </summary>
    public static TokenCredential? AzureMonitorCredential(string? authenticationString)
    {
        var parts = (authenticationString ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
            return null;
        return parts.TryGetValue("ClientId", out var clientId) && !string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
