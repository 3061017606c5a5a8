using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EvMonitor.Client;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.LocalHost;
using EvMonitor.Monitoring;

namespace EvMonitor.IntegrationTests;

/// <summary>
/// What the load tool reads from the local host's <c>/local/metrics</c> about pushes
/// (docs/performance.md, "Push path time breakdown"), from a real service over HTTP.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalMetricsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ServesEveryPushsStagesAndTheCpuTimeOfThoseThatWaitedForNoStorageRead()
    {
        await using var api = await RunningService.StartAsync(azurite, new Dictionary<string, string> { ["LocalHost:Role"] = "api" });
        var account = await api.CreateAccountAsync();
        var app = api.Client.ClientFor(account);
        await app.LoginAsync();
        using var metrics = new HttpClient { BaseAddress = new Uri(api.Client.BaseAddress!, LocalMetrics.Path) };
        Assert.Equal(HttpStatusCode.OK, (await metrics.DeleteAsync("")).StatusCode);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60;

        // The first push reads its token and vehicle from storage; the second finds both kept.
        foreach (var timestamp in new[] { t, t + 1 })
            await app.PushAsync(account.VehicleId, [new TelemetrySnapshot { Timestamp = DateTimeOffset.FromUnixTimeSeconds(timestamp) }]);

        var reading = (await metrics.GetFromJsonAsync<JsonObject>(""))!;
        int Count(string stage) => reading["stages"]![stage]?.AsArray().Count ?? 0;
        Assert.Equal(2, Count(PushTimer.OwnWork));
        Assert.Equal(2, Count(PushTimer.OwnWorkGcPause));
        // The second push waited for nothing; the first did unless its reads happened to be answered
        // before it asked for the answers (a busy machine can make a loopback read look instant).
        Assert.InRange(Count(PushTimer.OwnWorkNoWait), 1, 2);
        Assert.Equal(Count(PushTimer.OwnWorkNoWait), Count(PushTimer.OwnWorkCpu));
        Assert.True(reading["stages"]![PushTimer.OwnWorkCpu]![0]!.GetValue<double>() > 0);
        Assert.Equal(3, reading["gc"]!["collections"]!.AsArray().Count);
    }
}
