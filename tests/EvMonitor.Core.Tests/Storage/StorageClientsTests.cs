using Azure.Identity;
using EvMonitor.Storage;
using Microsoft.Extensions.Configuration;

namespace EvMonitor.Core.Tests.Storage;

/// <summary>The one switch between the local connection string and Azure's identity-based settings.</summary>
public sealed class StorageClientsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)))
            .Build();

    [Fact]
    public void BuildsClientsForAzuriteGivenADevelopmentConnectionString()
    {
        var clients = StorageClients.FromConfiguration(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("EvMonitor:TelemetryQueue", "telemetry-ingest")));

        Assert.Equal("devstoreaccount1", clients.Tables.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), clients.Tables.Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), clients.Queues.Uri);
        Assert.Equal("telemetry-ingest", clients.TelemetryQueue.Name);
        Assert.Equal("telemetry-ingest-poison", clients.TelemetryPoisonQueue.Name);
    }

    [Fact]
    public void NamesTheQueueSettingWhenAPushNeedsTheQueueAndTheSettingIsMissing()
    {
        var clients = StorageClients.FromConfiguration(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("EvMonitor:TelemetryQueue", "")));

        var error = Assert.Throws<InvalidOperationException>(() => clients.TelemetryQueue);

        Assert.Contains("EvMonitor__TelemetryQueue", error.Message);
        // Tables are still usable (the CLI needs no queue); no queue is created under a made-up name.
        Assert.Equal("users", clients.Names.Users);
        Assert.Empty(clients.Names.Queues);
    }

    [Fact]
    public void BuildsClientsForTheServiceUrisGivenIdentitySettingsAsTheFunctionsHostReadsThem()
    {
        // Environment variables AzureWebJobsStorage__tableServiceUri etc. arrive as these keys.
        var clients = StorageClients.FromConfiguration(Settings(
            ("AzureWebJobsStorage:tableServiceUri", "https://stevmonitor.table.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://stevmonitor.queue.core.windows.net"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Equal(new Uri("https://stevmonitor.table.core.windows.net"), clients.Tables.Uri);
        Assert.Equal(new Uri("https://stevmonitor.queue.core.windows.net"), clients.Queues.Uri);
        Assert.Equal("stevmonitor", clients.Tables.AccountName);
        Assert.Equal("stevmonitor", clients.Queues.AccountName);
    }

    [Fact]
    public void PrefersTheConnectionStringWhenBothAreSet()
    {
        var clients = StorageClients.FromConfiguration(Settings(
            ("AzureWebJobsStorage", "UseDevelopmentStorage=true"),
            ("AzureWebJobsStorage:tableServiceUri", "https://stevmonitor.table.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://stevmonitor.queue.core.windows.net")));

        Assert.Equal("devstoreaccount1", clients.Tables.AccountName);
    }

    [Fact]
    public void UsesTheManagedIdentityGivenCredentialManagedIdentity()
    {
        var section = Settings(("AzureWebJobsStorage:credential", "managedidentity"), ("AzureWebJobsStorage:clientId", "abc")).GetSection("AzureWebJobsStorage");

        Assert.IsType<ManagedIdentityCredential>(StorageClients.CredentialFrom(section));
    }

    [Fact]
    public void UsesTheCallersOwnAzureLoginGivenNoCredentialSetting()
    {
        var section = Settings(("AzureWebJobsStorage:tableServiceUri", "https://x.table.core.windows.net")).GetSection("AzureWebJobsStorage");

        Assert.IsType<DefaultAzureCredential>(StorageClients.CredentialFrom(section));
    }

    [Fact]
    public void ExplainsWhatToSetGivenNoStorageSettings()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageClients.FromConfiguration(Settings()));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message);
    }

    [Fact]
    public void PrefixesEveryTableAndTakesTheQueueFromItsOwnSettingGivenAStoragePrefix()
    {
        var clients = StorageClients.FromConfiguration(Settings(
            ("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("EvMonitor:StoragePrefix", "t1"), ("EvMonitor:TelemetryQueue", "t1-ingest")));

        Assert.All(clients.Names.Tables, t => Assert.StartsWith("t1", t));
        Assert.Equal(["t1-ingest", "t1-ingest-poison"], clients.Names.Queues);
    }
}
