using System.Net;
using Azure.Data.Tables;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Telemetry;

namespace EvMonitor.IntegrationTests;

/// <summary>The contract's example push sent every way an app may encode it ends up as the same rows.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PushEncodingTests(SharedService shared) : IClassFixture<SharedService>
{
    private RunningService Service => shared.Service;

    private delegate Task<WireCalls.Answer> Push(HttpClient client, string token, string vehicleId, long t);

    private static readonly Dictionary<string, Push> Encodings = new()
    {
        ["form"] = (c, token, v, t) => c.PostFormAsync("push", SeedExample.Form(token, v, t)),
        ["multipart"] = (c, token, v, t) => c.PostMultipartAsync("push", SeedExample.Form(token, v, t)),
        ["JSON with arrays"] = (c, token, v, t) => c.PostJsonAsync("push", SeedExample.JsonWithArrays(token, v, t)),
        ["JSON with objects keyed by index"] = (c, token, v, t) => c.PostJsonAsync("push", SeedExample.JsonWithKeyedObjects(token, v, t)),
        ["JSON with the token as bearer header"] = (c, token, v, t) =>
            c.SendAsync("push", WireCalls.RawBody(SeedExample.JsonWithArrays(null, v, t).ToJsonString(), "application/json"), bearerToken: token),
        ["form without Content-Type"] = (c, token, v, t) => c.SendAsync("push", WireCalls.RawBody(SeedExample.FormBody(token, v, t), null)),
        ["JSON without Content-Type"] = (c, token, v, t) => c.SendAsync("push", WireCalls.RawBody(SeedExample.JsonWithKeyedObjects(token, v, t).ToJsonString(), null)),
        ["JSON labelled text/plain"] = (c, token, v, t) => c.SendAsync("push", WireCalls.RawBody(SeedExample.JsonWithArrays(token, v, t).ToJsonString(), "text/plain")),
    };

    [Fact]
    public async Task EveryEncodingOfTheSeedExampleIsStoredAsTheSameRows()
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 120;
        var vehicles = new Dictionary<string, string>();
        foreach (var (name, push) in Encodings)
        {
            var account = await Service.CreateAccountAsync();
            var answer = await push(Service.Client, await Service.Client.LoginAsync(account), account.VehicleId, t);
            Assert.True(answer.Status == HttpStatusCode.OK, $"{name}: {answer.Status} {answer.Body.ToJsonString()}");
            Assert.Equal(2, (int)answer.Body["accepted"]!);
            vehicles[name] = account.VehicleId;
        }

        var rows = new Dictionary<string, List<TableEntity>>();
        await ApiCalls.EventuallyAsync(async () =>
        {
            foreach (var (name, vehicleId) in vehicles)
                rows[name] = await Service.TelemetryRowsAsync(vehicleId);
            return rows.Values.All(r => r.Count == SeedExample.RowCount);
        });

        // Each push is its own: only the push id and the time received may differ.
        var expected = TableRows.Describe(rows["form"], ["PartitionKey", .. TableRows.ReceiptColumns]);
        Assert.Contains($"{TelemetryRows.SnapshotKey(t)} Speed=87 (Int32)", expected);
        Assert.Contains($"{TelemetryRows.MotorKey(t + 5, 1)} Rpm=5390 (Int32)", expected);
        var differing = rows.Where(r => !expected.SequenceEqual(TableRows.Describe(r.Value, ["PartitionKey", .. TableRows.ReceiptColumns]))).Select(r => r.Key);
        Assert.Empty(differing);
    }
}
