using System.Net;
using System.Text.Json.Nodes;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.IntegrationTests;

/// <summary>get_latest and get_history give back exactly what was pushed, after normalization.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HistoryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(azurite);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    /// <summary>A whole minute an hour ago: well inside what a push accepts.</summary>
    private static readonly long Base = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 - 3600;

    private static PushedSnapshot Snapshot(int i, int speed) => new(
        Base + 2 * i,
        speed,
        State: new[] { 0, 1, 10, 11 }[i % 4],
        MotorRpms: Enumerable.Range(0, i % 3).Select(m => 1000 + 10 * i + m).ToArray(),
        Soc: i % 2 == 0 ? i % 101 : null,
        Gps: i % 5 == 0 ? (44.6 + i / 1000.0, 10.9252, 5) : null);

    /// <summary>Polls until the normalizer has caught up (the history equals <paramref name="expected"/>), then compares once more.</summary>
    private async Task<List<int>> AssertHistoryAsync(string token, string vehicleId, List<string> expected, int limit)
    {
        var to = $"{Base + 10_000}";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<string> actual;
        do
        {
            await Task.Delay(200);
            actual = ReadApiCalls.Comparable((await _service.Client.ReadHistoryAsync(token, vehicleId, $"{Base}", to, limit)).Snapshots);
        }
        while (!actual.SequenceEqual(expected) && DateTime.UtcNow < deadline);
        Assert.Equal(expected, actual);
        var (snapshots, pageSizes) = await _service.Client.ReadHistoryAsync(token, vehicleId, $"{Base}", to, limit);
        Assert.Equal(expected, ReadApiCalls.Comparable(snapshots));
        return pageSizes;
    }

    [Fact]
    public async Task PagesJoinUpToExactlyWhatWasPushedDespiteDuplicatesAndDisorder()
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);
        var expected = new SortedDictionary<long, JsonObject>();
        var random = new Random(4);

        // Three pushes, newest times first, each shuffled inside.
        foreach (var range in new[] { (200, 50), (0, 100), (100, 100) })
        {
            var batch = Enumerable.Range(range.Item1, range.Item2).Select(i => Snapshot(i, speed: i)).OrderBy(_ => random.Next()).ToList();
            await _service.Client.PushAsync(token, account.VehicleId, "My cool app", batch);
            foreach (var s in batch)
                expected[s.Timestamp] = s.Expected("My cool app");
        }
        // Re-pushed later with other readings, fewer motors and no GPS, right at the page boundaries:
        // the later push replaces the snapshot whole.
        var again = new[] { 0, 99, 100, 101, 199, 200, 249 }.Select(i => new PushedSnapshot(Base + 2 * i, 500 + i, MotorRpms: [7])).ToList();
        await _service.Client.PushAsync(token, account.VehicleId, "Other app", again);
        foreach (var s in again)
            expected[s.Timestamp] = s.Expected("Other app");
        // The same time twice in one push: the later entry is the one meant.
        var twice = new[] { new PushedSnapshot(Base + 2 * 150, 1), new PushedSnapshot(Base + 2 * 150, 2, Soc: 42) };
        await _service.Client.PushAsync(token, account.VehicleId, "Other app", twice);
        expected[twice[1].Timestamp] = twice[1].Expected("Other app");

        var pageSizes = await AssertHistoryAsync(token, account.VehicleId, ReadApiCalls.Comparable(expected.Values), limit: 100);

        Assert.Equal(250, expected.Count);
        Assert.Equal([100, 100, 50], pageSizes);
    }

    [Fact]
    public async Task ARangeIncludesBothEndsAndNothingOutside()
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);
        var pushed = Enumerable.Range(0, 30).Select(i => Snapshot(i, speed: i)).ToList();
        await _service.Client.PushAsync(token, account.VehicleId, "My cool app", pushed);
        await AssertHistoryAsync(token, account.VehicleId, ReadApiCalls.Comparable(pushed.Select(s => s.Expected("My cool app"))), limit: 7);

        var from = DateTimeOffset.FromUnixTimeSeconds(pushed[10].Timestamp).ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        var (middle, pages) = await _service.Client.ReadHistoryAsync(token, account.VehicleId, from, $"{pushed[19].Timestamp}", limit: 4);
        Assert.Equal(pushed[10..20].Select(s => s.Timestamp), middle.Select(s => (long)s["timestamp"]!));
        Assert.Equal([4, 4, 2], pages);

        var (single, _) = await _service.Client.ReadHistoryAsync(token, account.VehicleId, $"{pushed[5].Timestamp}", $"{pushed[5].Timestamp}");
        Assert.Equal([pushed[5].Timestamp], single.Select(s => (long)s["timestamp"]!));

        // Between two snapshots (they are 2 s apart): nothing, and no cursor.
        var (gap, gapPages) = await _service.Client.ReadHistoryAsync(token, account.VehicleId, $"{pushed[5].Timestamp + 1}", $"{pushed[5].Timestamp + 1}");
        Assert.Empty(gap);
        Assert.Equal([0], gapPages);
    }

    [Fact]
    public async Task LatestIsNullUntilAPushIsStoredThenTheNewestSnapshotWhole()
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);

        var before = await _service.Client.PostFormAsync("get_latest", ("token", token), ("vehicle_id", account.VehicleId));
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Null(before.Body["snapshot"]);

        var newest = new PushedSnapshot(Base + 100, 87, State: 1, MotorRpms: [5200, 5180], Soc: 80, Gps: (44.6471, 10.9252, 5));
        await _service.Client.PushAsync(token, account.VehicleId, "My cool app", [newest, new PushedSnapshot(Base + 50, 12)]);
        // An older snapshot arriving afterwards does not become the latest.
        await _service.Client.PushAsync(token, account.VehicleId, "My cool app", [new PushedSnapshot(Base + 60, 13)]);
        await AssertHistoryAsync(token, account.VehicleId,
            ReadApiCalls.Comparable([new PushedSnapshot(Base + 50, 12).Expected("My cool app"), new PushedSnapshot(Base + 60, 13).Expected("My cool app"), newest.Expected("My cool app")]),
            limit: 100);

        var after = await _service.Client.PostJsonAsync("get_latest", new JsonObject { ["token"] = token, ["vehicle_id"] = account.VehicleId });
        Assert.Equal(HttpStatusCode.OK, after.Status);
        var snapshot = after.Body["snapshot"]!.AsObject();
        Assert.Equal(ReadApiCalls.Comparable([newest.Expected("My cool app")]), ReadApiCalls.Comparable([snapshot]));
        var receivedAt = DateTimeOffset.Parse((string)snapshot["received_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(receivedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task ACursorOnlyWorksForTheVehicleItCameFrom()
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);
        var other = await _service.Client.AddVehicleAsync(token, "Second");
        await _service.Client.PushAsync(token, account.VehicleId, "My cool app", Enumerable.Range(0, 3).Select(i => Snapshot(i, i)));
        await AssertHistoryAsync(token, account.VehicleId, ReadApiCalls.Comparable(Enumerable.Range(0, 3).Select(i => Snapshot(i, i).Expected("My cool app"))), limit: 100);

        var first = await _service.Client.PostFormAsync("get_history",
            ("token", token), ("vehicle_id", account.VehicleId), ("from", $"{Base}"), ("to", $"{Base + 100}"), ("limit", "1"));
        var cursor = (string)first.Body["next_cursor"]!;
        var answer = await _service.Client.PostFormAsync("get_history",
            ("token", token), ("vehicle_id", (string)other["id"]!), ("from", $"{Base}"), ("to", $"{Base + 100}"), ("cursor", cursor));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("cursor", (string?)answer.Body["errors"]![0]!["field"]);
    }
}
