using EvMonitor.Storage;
using Microsoft.Extensions.Configuration;

namespace EvMonitor.Core.Tests.Storage;

/// <summary>
/// A connection found by name as the Functions host finds a trigger's (WebJobs
/// <c>GetWebJobsConnectionStringSection</c>; Microsoft's "Azure Queue storage trigger" reference,
/// Connections: "If the app setting name begins with AzureWebJobs, you can specify only the
/// remainder of the name"; identity-based connections as settings under a common prefix).
/// </summary>
public sealed class StorageConnectionTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void FindsTheAzureWebJobsPrefixedSettingBeforeTheNameItself()
    {
        var connection = StorageConnection.Find(Settings(("AzureWebJobsTelemetryShard1", "prefixed"), ("TelemetryShard1", "plain")), "TelemetryShard1");

        Assert.Equal("prefixed", connection?.Value);
    }

    [Fact]
    public void FindsAConnectionStringUnderConnectionStringsBeforeAnAppSetting()
    {
        var connection = StorageConnection.Find(Settings(("ConnectionStrings:TelemetryShard1", "listed"), ("TelemetryShard1", "plain")), "TelemetryShard1");

        Assert.Equal("listed", connection?.Value);
    }

    [Fact]
    public void FindsAnIdentityBasedConnectionByItsChildSettings()
    {
        // TelemetryShard1__queueServiceUri as an environment variable arrives as this key.
        var connection = StorageConnection.Find(Settings(("TelemetryShard1:queueServiceUri", "https://st1.queue.core.windows.net/")), "TelemetryShard1");

        Assert.Null(connection?.Value);
        Assert.Equal("https://st1.queue.core.windows.net/", connection?["queueServiceUri"]);
    }

    [Fact]
    public void FindsNothingGivenNoSettingUnderTheName()
    {
        Assert.Null(StorageConnection.Find(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")), "TelemetryShard1"));
        Assert.Equal("Storage account connection string 'AzureWebJobsTelemetryShard1' does not exist. Make sure that it is a defined App Setting.",
            StorageConnection.Missing("TelemetryShard1"));
    }

    [Fact]
    public void TellsAccountsApartByTheirEndpointsNotTheirCredentials()
    {
        var settings = Settings(
            ("A:queueServiceUri", "https://st1.queue.core.windows.net/"), ("A:tableServiceUri", "https://st1.table.core.windows.net/"), ("A:credential", "managedidentity"),
            ("B:queueServiceUri", "https://ST1.queue.core.windows.net"), ("B:tableServiceUri", "https://st1.table.core.windows.net"),
            ("C:queueServiceUri", "https://st2.queue.core.windows.net/"), ("C:tableServiceUri", "https://st2.table.core.windows.net/"));

        Assert.Equal(StorageConnection.AccountOf(settings.GetSection("A")), StorageConnection.AccountOf(settings.GetSection("B")));
        Assert.NotEqual(StorageConnection.AccountOf(settings.GetSection("A")), StorageConnection.AccountOf(settings.GetSection("C")));
    }
}
