using System.Net;
using EvMonitor.Client;
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

    private static readonly DateTimeOffset From = DateTimeOffset.FromUnixTimeSeconds(Base);

    private static DateTimeOffset At(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    /// <summary>Every page of a range, following the cursor to the end, with the size of each page.</summary>
    private static async Task<(List<StoredSnapshot> Snapshots, List<int> PageSizes)> ReadPagesAsync(
        EvMonitorClient app, string vehicleId, DateTimeOffset from, DateTimeOffset to, int? limit = null)
    {
        var snapshots = new List<StoredSnapshot>();
        var pageSizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await app.GetHistoryPageAsync(vehicleId, from, to, limit, cursor);
            pageSizes.Add(page.Snapshots.Count);
            snapshots.AddRange(page.Snapshots);
            cursor = page.NextCursor;
            Assert.True(pageSizes.Count < 1000, "get_history kept returning a next_cursor");
        }
        while (cursor is not null);
        return (snapshots, pageSizes);
    }

    /// <summary>Polls until the normalizer has caught up (the history equals <paramref name="expected"/>), then compares once more.</summary>
    private static async Task<List<int>> AssertHistoryAsync(EvMonitorClient app, string vehicleId, IEnumerable<StoredSnapshot> expected, int limit)
    {
        var wanted = ApiCalls.Comparable(expected);
        var to = At(Base + 10_000);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<string> actual;
        do
        {
            await Task.Delay(200);
            actual = ApiCalls.Comparable((await ReadPagesAsync(app, vehicleId, From, to, limit)).Snapshots);
        }
        while (!actual.SequenceEqual(wanted) && DateTime.UtcNow < deadline);
        Assert.Equal(wanted, actual);
        var (snapshots, pageSizes) = await ReadPagesAsync(app, vehicleId, From, to, limit);
        Assert.Equal(wanted, ApiCalls.Comparable(snapshots));
        return pageSizes;
    }

    [Fact]
    public async Task PagesJoinUpToExactlyWhatWasPushedDespiteDuplicatesAndDisorder()
    {
        var account = await _service.CreateAccountAsync();
        var app = _service.Client.ClientFor(account);
        var expected = new SortedDictionary<long, StoredSnapshot>();
        var random = new Random(4);

        // Three pushes, newest times first, each shuffled inside.
        foreach (var range in new[] { (200, 50), (0, 100), (100, 100) })
        {
            var batch = Enumerable.Range(range.Item1, range.Item2).Select(i => Snapshot(i, speed: i)).OrderBy(_ => random.Next()).ToList();
            await app.PushAsync(account.VehicleId, batch.ToTelemetrySnapshots(), "My cool app");
            foreach (var s in batch)
                expected[s.Timestamp] = s.Expected("My cool app");
        }
        // Re-pushed later with other readings, fewer motors and no GPS, right at the page boundaries:
        // the later push replaces the snapshot whole.
        var again = new[] { 0, 99, 100, 101, 199, 200, 249 }.Select(i => new PushedSnapshot(Base + 2 * i, 500 + i, MotorRpms: [7])).ToList();
        await app.PushAsync(account.VehicleId, again.ToTelemetrySnapshots(), "Other app");
        foreach (var s in again)
            expected[s.Timestamp] = s.Expected("Other app");
        // The same time twice in one push: the later entry is the one meant.
        var twice = new[] { new PushedSnapshot(Base + 2 * 150, 1), new PushedSnapshot(Base + 2 * 150, 2, Soc: 42) };
        await app.PushAsync(account.VehicleId, twice.ToTelemetrySnapshots(), "Other app");
        expected[twice[1].Timestamp] = twice[1].Expected("Other app");

        var pageSizes = await AssertHistoryAsync(app, account.VehicleId, expected.Values, limit: 100);

        Assert.Equal(250, expected.Count);
        Assert.Equal([100, 100, 50], pageSizes);
    }

    [Fact]
    public async Task ARangeIncludesBothEndsAndNothingOutside()
    {
        var account = await _service.CreateAccountAsync();
        var app = _service.Client.ClientFor(account);
        var pushed = Enumerable.Range(0, 30).Select(i => Snapshot(i, speed: i)).ToList();
        await app.PushAsync(account.VehicleId, pushed.ToTelemetrySnapshots(), "My cool app");
        await AssertHistoryAsync(app, account.VehicleId, pushed.Select(s => s.Expected("My cool app")), limit: 7);

        var (middle, pages) = await ReadPagesAsync(app, account.VehicleId, At(pushed[10].Timestamp), At(pushed[19].Timestamp), limit: 4);
        Assert.Equal(pushed[10..20].Select(s => At(s.Timestamp)), middle.Select(s => s.Timestamp));
        Assert.Equal([4, 4, 2], pages);

        var (single, _) = await ReadPagesAsync(app, account.VehicleId, At(pushed[5].Timestamp), At(pushed[5].Timestamp));
        Assert.Equal([At(pushed[5].Timestamp)], single.Select(s => s.Timestamp));

        // Between two snapshots (they are 2 s apart): nothing, and no cursor.
        var (gap, gapPages) = await ReadPagesAsync(app, account.VehicleId, At(pushed[5].Timestamp + 1), At(pushed[5].Timestamp + 1));
        Assert.Empty(gap);
        Assert.Equal([0], gapPages);
    }

    [Fact]
    public async Task LatestIsNullUntilAPushIsStoredThenTheNewestSnapshotWhole()
    {
        var account = await _service.CreateAccountAsync();
        var app = _service.Client.ClientFor(account);

        Assert.Null(await app.GetLatestAsync(account.VehicleId));

        var newest = new PushedSnapshot(Base + 100, 87, State: 1, MotorRpms: [5200, 5180], Soc: 80, Gps: (44.6471, 10.9252, 5));
        await app.PushAsync(account.VehicleId, new[] { newest, new PushedSnapshot(Base + 50, 12) }.ToTelemetrySnapshots(), "My cool app");
        // An older snapshot arriving afterwards does not become the latest.
        await app.PushAsync(account.VehicleId, [new PushedSnapshot(Base + 60, 13).ToTelemetrySnapshot()], "My cool app");
        await AssertHistoryAsync(app, account.VehicleId,
            [new PushedSnapshot(Base + 50, 12).Expected("My cool app"), new PushedSnapshot(Base + 60, 13).Expected("My cool app"), newest.Expected("My cool app")],
            limit: 100);

        var latest = await app.GetLatestAsync(account.VehicleId);
        Assert.NotNull(latest);
        Assert.Equal(ApiCalls.Comparable([newest.Expected("My cool app")]), ApiCalls.Comparable([latest]));
        Assert.InRange(latest.ReceivedAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task ACursorOnlyWorksForTheVehicleItCameFrom()
    {
        var account = await _service.CreateAccountAsync();
        var app = _service.Client.ClientFor(account);
        var other = await app.AddVehicleAsync("energica", "energica-ss9", "Second");
        await app.PushAsync(account.VehicleId, Enumerable.Range(0, 3).Select(i => Snapshot(i, i)).ToTelemetrySnapshots(), "My cool app");
        await AssertHistoryAsync(app, account.VehicleId, Enumerable.Range(0, 3).Select(i => Snapshot(i, i).Expected("My cool app")), limit: 100);

        var first = await app.GetHistoryPageAsync(account.VehicleId, From, At(Base + 100), limit: 1);
        var refused = await Assert.ThrowsAsync<EvMonitorApiException>(() =>
            app.GetHistoryPageAsync(other.Id, From, At(Base + 100), cursor: first.NextCursor));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["cursor"], refused.FieldErrors.Select(e => e.Field));
    }
}
