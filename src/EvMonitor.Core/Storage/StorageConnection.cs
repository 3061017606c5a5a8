using Microsoft.Extensions.Configuration;

namespace EvMonitor.Storage;

/// <summary>
/// Finds the settings of a storage connection by its name exactly as the Functions host finds a
/// trigger's <c>Connection</c>, so that the app, the local host and the Functions host always agree
/// on which account a name means. The host (WebJobs <c>GetWebJobsConnectionStringSection</c>, used by
/// its Storage extensions) looks first for <c>AzureWebJobs&lt;name&gt;</c>, then for <c>&lt;name&gt;</c>,
/// each under <c>ConnectionStrings</c> first; a value is a connection string, child settings
/// (<c>&lt;name&gt;__queueServiceUri</c>, <c>__credential</c>, <c>__clientId</c> …) an identity-based
/// connection (Microsoft's "Azure Queue storage trigger", Connections, and the functions-host build's
/// own error for a missing one, checked in <c>HostAccountsTests</c>).
/// </summary>
public static class StorageConnection
{
    private const string HostPrefix = "AzureWebJobs";

    /// <returns>The connection's settings: a value (a connection string) or children (service URIs and credential); null when nothing is set under the name.</returns>
    public static IConfigurationSection? Find(IConfiguration configuration, string name)
    {
        foreach (var candidate in new[] { HostPrefix + name, name })
        {
            var connectionStrings = configuration.GetSection("ConnectionStrings").GetSection(candidate);
            if (connectionStrings.Exists())
                return connectionStrings;
            var section = configuration.GetSection(candidate);
            if (section.Exists())
                return section;
        }
        return null;
    }

    /// <summary>The Functions host's own words when a trigger's connection is not set: it then leaves the function out.</summary>
    public static string Missing(string name) =>
        $"Storage account connection string '{HostPrefix}{name}' does not exist. Make sure that it is a defined App Setting.";

    /// <summary>
    /// What tells two connections' accounts apart: the connection string, or the queue and table
    /// endpoints of an identity-based one (the credential does not change the account).
    /// </summary>
    public static string AccountOf(IConfigurationSection connection) =>
        !string.IsNullOrWhiteSpace(connection.Value)
            ? connection.Value.Trim()
            : $"{Endpoint(connection, "queueServiceUri")} {Endpoint(connection, "tableServiceUri")}";

    private static string Endpoint(IConfigurationSection connection, string key) =>
        (connection[key] ?? "").Trim().TrimEnd('/').ToLowerInvariant();
}
