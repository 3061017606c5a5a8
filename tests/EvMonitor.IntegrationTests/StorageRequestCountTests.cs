using Azure;
using Azure.Data.Tables;
using EvMonitor.Core.Tests.Support;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Monitoring;
using EvMonitor.Storage;

namespace EvMonitor.IntegrationTests;

/// <summary>
/// The service's storage clients count every request they send, by kind and table or queue, against
/// Azurite. The expected counts are the REST operations each SDK call is documented to make (one
/// each: Put Message, Get Messages, Delete Message, Insert Entity, Query Entities for a point read
/// and for a filter, one Entity Group Transaction for a batch).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageRequestCountTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CountsEachQueueAndTableRequestOnceByKindAndWhereItWent()
    {
        var metrics = TestMetrics.New();
        var storage = StorageClients.FromConfiguration(azurite.Configuration(AzuriteFixture.NewPrefix()), metrics: metrics);
        await storage.EnsureCreatedAsync();
        using var recorder = new MetricRecorder(metrics);
        var queue = storage.TelemetryQueue;
        var table = storage.Table(storage.Names.Telemetry);

        await queue.SendMessageAsync("one");
        await queue.SendMessageAsync("two");
        var received = (await queue.ReceiveMessagesAsync(32)).Value;
        foreach (var message in received)
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        await queue.ReceiveMessagesAsync(32);
        await table.AddEntityAsync(new TableEntity("v1", "a"));
        await table.GetEntityIfExistsAsync<TableEntity>("v1", "a");
        await table.GetEntityIfExistsAsync<TableEntity>("v1", "missing");
        await table.QueryAsync<TableEntity>(e => e.PartitionKey == "v1").ToListAsync();
        await table.SubmitTransactionAsync([
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("v1", "b")),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("v1", "a")),
        ]);
        await table.UpsertEntityAsync(new TableEntity("v1", "c"));
        await table.DeleteEntityAsync("v1", "c", ETag.All);

        Assert.Equal(2, received.Length);
        var counted = recorder.Of(EvMonitorMetrics.StorageRequestsName)
            .GroupBy(m => ((string)m.Tags["kind"]!, (string)m.Tags["resource"]!))
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        var expected = new Dictionary<(string, string), double>
        {
            [(StorageRequestKinds.Enqueue, queue.Name)] = 2,
            [(StorageRequestKinds.GetMessages, queue.Name)] = 1,
            [(StorageRequestKinds.DeleteMessage, queue.Name)] = 2,
            [(StorageRequestKinds.GetMessagesEmpty, queue.Name)] = 1,
            [(StorageRequestKinds.SingleWrite, table.Name)] = 3,
            [(StorageRequestKinds.TableRead, table.Name)] = 2,
            [(StorageRequestKinds.TableQuery, table.Name)] = 1,
            [(StorageRequestKinds.Transaction, table.Name)] = 1,
        };
        Assert.Equal(expected.OrderBy(kv => kv.Key), counted.OrderBy(kv => kv.Key));
    }

    [Fact]
    public async Task CountsARequestThatFailedToo()
    {
        var metrics = TestMetrics.New();
        var storage = StorageClients.FromConfiguration(azurite.Configuration(AzuriteFixture.NewPrefix()), metrics: metrics);
        await storage.EnsureCreatedAsync();
        using var recorder = new MetricRecorder(metrics);
        var table = storage.Table(storage.Names.Telemetry);
        await table.AddEntityAsync(new TableEntity("v1", "a"));

        // Storage bills an authenticated request that fails (409: the row exists) as it bills any other.
        await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("v1", "a")));

        Assert.Equal(2, recorder.Sum(EvMonitorMetrics.StorageRequestsName, "kind", StorageRequestKinds.SingleWrite));
    }
}
