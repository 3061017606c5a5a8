using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;

namespace EvMonitor.IntegrationTests;

/// <summary>
/// The telemetry table's own transactions (<see cref="TableTransactions"/>) held against the Azure
/// Tables client, the independent source of truth for the wire format, and against Azurite: the
/// same request, the same rows, the same failures.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class TableTransactionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheBatchIsTheTableClientsOwnApartFromItsBoundaries()
    {
        var (sdk, ours, table, captured) = await TablesAsync();
        await sdk.AddEntityAsync(new TableEntity("p'1", "replace me"));
        var stored = (await sdk.GetEntityAsync<TableEntity>("p'1", "replace me")).Value.ETag;
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, EveryType("p'1", "added/ü ?#%")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p'1", "upserted") { ["A"] = 1 }),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p'1", "merged") { ["A"] = 1 }),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p'1", "replace me") { ["B"] = "x" }, stored),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p'1", "replace me 2") { ["B"] = "x" }, ETag.All),
            new(TableTransactionActionType.Delete, new TableEntity("p'1", "gone"), ETag.All),
        ];

        // Captured as sent: that the service then refuses both does not matter here.
        await Assert.ThrowsAsync<TableTransactionFailedException>(() => sdk.SubmitTransactionAsync(actions));
        await Assert.ThrowsAsync<TableTransactionFailedException>(() => ours.SubmitAsync(table, actions));

        Assert.Equal(2, captured.Transactions.Count);
        var (clientRequest, ourRequest) = (captured.Transactions[0], captured.Transactions[1]);
        Assert.Equal(WithoutBoundaries(clientRequest.Body), WithoutBoundaries(ourRequest.Body));
        foreach (var header in new[] { "x-ms-version", "DataServiceVersion", "Accept" })
            Assert.Equal(clientRequest.Headers[header], ourRequest.Headers[header]);
        Assert.StartsWith("multipart/mixed; boundary=batch_", ourRequest.Headers["Content-Type"]);
    }

    [Fact]
    public async Task RowsWrittenReadBackAsTheTableClientsRowsDoWithTheETagsItAnswered()
    {
        var (sdk, ours, table, _) = await TablesAsync();
        await sdk.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, EveryType("p", "by client"))]);
        await sdk.AddEntityAsync(new TableEntity("p", "to delete"));

        var etags = await ours.SubmitAsync(table, [
            new TableTransactionAction(TableTransactionActionType.Add, EveryType("p", "ours")),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "to delete"), ETag.All),
        ]);

        var byClient = (await sdk.GetEntityAsync<TableEntity>("p", "by client")).Value;
        var byUs = (await sdk.GetEntityAsync<TableEntity>("p", "ours")).Value;
        Assert.Equal(Columns(byClient), Columns(byUs));
        Assert.Equal(byUs.ETag, etags[0]);
        Assert.Null(etags[1]);
        Assert.False((await sdk.GetEntityIfExistsAsync<TableEntity>("p", "to delete")).HasValue);
    }

    public static TheoryData<string> Failures => ["add existing", "stale etag", "replace missing", "delete missing"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task AFailedOperationIsReportedAsTheTableClientReportsItAndNothingIsWritten(string failure)
    {
        var (sdk, ours, table, _) = await TablesAsync();
        await sdk.AddEntityAsync(new TableEntity("p", "existing"));
        var stale = (await sdk.GetEntityAsync<TableEntity>("p", "existing")).Value.ETag;
        await sdk.UpsertEntityAsync(new TableEntity("p", "existing") { ["Changed"] = true }, TableUpdateMode.Replace);
        TableTransactionAction failing = failure switch
        {
            "add existing" => new(TableTransactionActionType.Add, new TableEntity("p", "existing")),
            "stale etag" => new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "existing"), stale),
            "replace missing" => new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "missing"), ETag.All),
            _ => new(TableTransactionActionType.Delete, new TableEntity("p", "missing"), ETag.All),
        };
        List<TableTransactionAction> actions = [
            new(TableTransactionActionType.Add, new TableEntity("p", "new 1")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "new 2")),
            failing,
        ];

        var byClient = await Assert.ThrowsAsync<TableTransactionFailedException>(() => sdk.SubmitTransactionAsync(actions));
        var byUs = await Assert.ThrowsAsync<TableTransactionFailedException>(() => ours.SubmitAsync(table, actions));

        Assert.Equal((byClient.Status, byClient.ErrorCode, byClient.FailedTransactionActionIndex), (byUs.Status, byUs.ErrorCode, byUs.FailedTransactionActionIndex));
        Assert.Equal(2, byUs.FailedTransactionActionIndex);
        Assert.Empty(await sdk.QueryAsync<TableEntity>(e => e.RowKey == "new 1" || e.RowKey == "new 2").ToListAsync());
    }

    [Fact]
    public async Task AWrongAccountKeyIsRefusedSoAzuriteChecksTheSignature()
    {
        var (_, _, table, _) = await TablesAsync();
        var key = Convert.ToBase64String(new byte[64]);
        var wrong = Regex.Replace(azurite.ConnectionString, "AccountKey=[^;]*", "AccountKey=" + key);
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        var transactions = TableTransactions.FromConnectionString(wrong, new TableServiceClient(wrong, options), options);

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => transactions.SubmitAsync(table, [new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r"))]));

        Assert.Equal(403, refused.Status);
    }

    /// <summary>A row with a value of every type the telemetry rows use, and the ones JSON needs annotated.</summary>
    private static TableEntity EveryType(string partition, string row) => new(partition, row)
    {
        ["Text"] = "quote \" and ü",
        ["Whole"] = 42,
        ["Long"] = 1_732_550_400_123L,
        ["WholeDouble"] = 80.0,
        ["Decimal"] = 0.1 + 0.2,
        ["Flag"] = true,
        ["Time"] = DateTimeOffset.FromUnixTimeMilliseconds(1_732_550_400_123),
        ["Bytes"] = new byte[] { 0, 1, 2, 250 },
        ["Id"] = Guid.Parse("6f1e6a8e-1a2b-4c3d-9e8f-0a1b2c3d4e5f"),
    };

    private static Dictionary<string, string> Columns(TableEntity entity) =>
        entity.Where(p => p.Key is not ("RowKey" or "Timestamp" or "odata.etag"))
            .ToDictionary(p => p.Key, p => $"{p.Value?.GetType().Name}:{(p.Value is byte[] b ? Convert.ToBase64String(b) : Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))}");

    private async Task<(TableClient Sdk, TableTransactions Ours, string Table, RequestLog Captured)> TablesAsync()
    {
        var captured = new RequestLog();
        var options = new TableClientOptions();
        options.AddPolicy(captured, HttpPipelinePosition.PerCall);
        var service = new TableServiceClient(azurite.ConnectionString, options);
        var table = "tx" + Guid.NewGuid().ToString("N")[..12];
        await service.CreateTableIfNotExistsAsync(table);
        return (service.GetTableClient(table), TableTransactions.FromConnectionString(azurite.ConnectionString, service, options), table, captured);
    }

    private static string WithoutBoundaries(string body) => Boundary().Replace(body, "$1");

    [GeneratedRegex("(batch_|changeset_)[0-9a-f-]{36}")]
    private static partial Regex Boundary();
}
