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

    private static (string Key, string Value)[] Identity(string connection, string account) =>
    [
        ($"{connection}:tableServiceUri", $"https://{account}.table.core.windows.net/"),
        ($"{connection}:queueServiceUri", $"https://{account}.queue.core.windows.net/"),
        ($"{connection}:credential", "managedidentity"),
        ($"{connection}:clientId", "00000000-0000-0000-0000-000000000001"),
    ];

    /// <summary>Four shards over two accounts, as the template sets them: shard k's connection names account k mod 2.</summary>
    private static (string Key, string Value)[] TwoAccounts(string shard3Account = "sttwo") =>
    [
        ("EvMonitor:TelemetryQueue", "telemetry-ingest"), ("EvMonitor:TelemetryQueueShards", "4"), ("EvMonitor:TelemetryStorageAccounts", "2"),
        .. Identity("AzureWebJobsStorage", "stmain"), .. Identity("TelemetryShard1", "sttwo"),
        .. Identity("TelemetryShard2", "stmain"), .. Identity("TelemetryShard3", shard3Account),
    ];

    [Fact]
    public void PutsEachShardsQueueAndItsVehiclesTelemetryInAccountKModMGivenTwoAccounts()
    {
        var clients = StorageClients.FromConfiguration(Settings(TwoAccounts()));
        var shards = clients.Names.Shards;

        for (var shard = 0; shard < 4; shard++)
            Assert.Equal(shard % 2 == 0 ? "stmain" : "sttwo", clients.TelemetryQueueOf(shard).AccountName);
        var vehicleIds = Enumerable.Range(0, 40).Select(i => $"vehicle{i}").ToList();
        Assert.Equal([0, 1, 2, 3], vehicleIds.Select(shards.ShardOf).Distinct().Order());
        foreach (var vehicleId in vehicleIds)
        {
            var account = shards.ShardOf(vehicleId) % 2 == 0 ? "stmain" : "sttwo";
            Assert.Equal(account, clients.TelemetryTableOf(vehicleId).AccountName);
        }
        // Everything else stays in the main account.
        Assert.Equal("stmain", clients.Table(clients.Names.Users).AccountName);
        Assert.Equal(["stmain", "sttwo"], clients.TelemetryTables.Select(t => t.AccountName));
    }

    [Fact]
    public void RefusesAShardConnectionThatNamesAnotherAccountThanItsShardModM()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageClients.FromConfiguration(Settings(TwoAccounts(shard3Account: "stmain"))));

        Assert.Contains("'TelemetryShard3'", error.Message);
        Assert.Contains("account 1", error.Message);
    }

    [Fact]
    public void NamesAMissingShardConnectionInTheFunctionsHostsOwnWords()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageClients.FromConfiguration(Settings(
            ("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("EvMonitor:TelemetryQueue", "telemetry-ingest"), ("EvMonitor:TelemetryQueueShards", "2"))));

        // The message the real host logs for a trigger whose connection is not set (HostAccountsTests).
        Assert.StartsWith("Storage account connection string 'AzureWebJobsTelemetryShard1' does not exist. Make sure that it is a defined App Setting.", error.Message);
        Assert.Contains("TelemetryShard1__queueServiceUri", error.Message);
    }

    [Fact]
    public void NeedsNoShardConnectionGivenOneShard()
    {
        var clients = StorageClients.FromConfiguration(Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("EvMonitor:TelemetryQueue", "telemetry-ingest")));

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1/telemetry"), clients.TelemetryTableOf("any vehicle").Uri);
    }

    [Theory]
    [InlineData(4, 3)]
    [InlineData(2, 4)]
    [InlineData(3, 2)]
    public void RefusesAnAccountCountThatDoesNotDivideTheShardCount(int shards, int accounts)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new TelemetryShards(shards, accounts));

        Assert.Contains("EvMonitor__TelemetryStorageAccounts", error.Message);
        Assert.Contains("EvMonitor__TelemetryQueueShards", error.Message);
    }
}
