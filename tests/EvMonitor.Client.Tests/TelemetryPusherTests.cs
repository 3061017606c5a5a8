using System.Net;
using System.Text.Json.Nodes;
using EvMonitor.Client.Tests.Support;

namespace EvMonitor.Client.Tests;

/// <summary>
/// The pusher sends pushes within the service's limits (docs/api.md, push: 1,000 snapshots and
/// 1 MiB), each all or nothing, and never drops a snapshot.
/// </summary>
public sealed class TelemetryPusherTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1732550400);
    private readonly WatchedTime _time = new();
    private readonly Queue<Func<HttpResponseMessage>> _pushFailures = new();

    private FakeApi Service() => new(request => request.Endpoint switch
    {
        "login" => FakeApi.Login("token", _time.GetUtcNow()),
        _ when _pushFailures.TryDequeue(out var failure) => failure(),
        _ => FakeApi.Ok(new JsonObject { ["accepted"] = request.Json["data"]!.AsArray().Count }),
    });

    private EvMonitorClient Client(FakeApi api) => Clients.Create(api, _time, o => o.MaxRetries = 0);

    private static TelemetrySnapshot Snapshot(int i, int batteries = 0)
    {
        var snapshot = new TelemetrySnapshot { Timestamp = Start.AddSeconds(i), General = new() { Speed = i % 200 } };
        for (var b = 0; b < batteries; b++)
            snapshot.Batteries[b] = new BatteryReadings { Soc = 50, V = 400.5, Temp = 21, TempMin = 19, TempMax = 23, I = -12.25 };
        return snapshot;
    }

    private static List<long> Timestamps(RecordedRequest push) =>
        push.Json["data"]!.AsArray().Select(s => (long)s!["timestamp"]!).ToList();

    [Fact]
    public async Task SnapshotsGoOutInOrderInPushesOfAThousandAndTheRestOnDispose()
    {
        var api = Service();
        await using (var pusher = Client(api).CreatePusher("v1", new() { UserAgent = "My app" }))
        {
            for (var i = 0; i < 2500; i++)
                await pusher.AddAsync(Snapshot(i));
            Assert.Equal(2, api.To("push").Count);
            Assert.Equal(500, pusher.PendingCount);
        }

        var pushes = api.To("push");
        Assert.Equal([1000, 1000, 500], pushes.Select(p => Timestamps(p).Count));
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => Start.ToUnixTimeSeconds() + i), pushes.SelectMany(Timestamps));
        Assert.All(pushes, p => Assert.Equal("My app", (string?)p.Json["user-agent"]));
        Assert.All(pushes, p => Assert.Equal("v1", (string?)p.Json["vehicle_id"]));
    }

    [Fact]
    public async Task LargeSnapshotsAreSplitSoThatNoPushPassesOneMebibyte()
    {
        var api = Service();
        await using (var pusher = Client(api).CreatePusher("v1"))
        {
            for (var i = 0; i < 600; i++)
                await pusher.AddAsync(Snapshot(i, batteries: 40));
        }

        var pushes = api.To("push");
        Assert.True(pushes.Count > 1);
        Assert.All(pushes, p => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(p.Body), 1, 1_048_576));
        Assert.Equal(Enumerable.Range(0, 600).Select(i => Start.ToUnixTimeSeconds() + i), pushes.SelectMany(Timestamps));
    }

    [Fact]
    public async Task APartialBatchIsSentByTheFirstAddAfterMaxDelay()
    {
        var api = Service();
        var pusher = Client(api).CreatePusher("v1", new() { MaxDelay = TimeSpan.FromSeconds(10) });

        await pusher.AddAsync(Snapshot(0));
        _time.Advance(TimeSpan.FromSeconds(9));
        await pusher.AddAsync(Snapshot(1));
        Assert.Empty(api.To("push"));
        _time.Advance(TimeSpan.FromSeconds(1));
        await pusher.AddAsync(Snapshot(2));

        Assert.Equal([Start.ToUnixTimeSeconds(), Start.ToUnixTimeSeconds() + 1, Start.ToUnixTimeSeconds() + 2], Timestamps(Assert.Single(api.To("push"))));
        Assert.Equal(0, pusher.PendingCount);
    }

    [Fact]
    public async Task AFailedPushStaysPendingWholeAndIsSentAgainUnchanged()
    {
        var api = Service();
        _pushFailures.Enqueue(() => FakeApi.Error(HttpStatusCode.ServiceUnavailable, ErrorCodes.StorageUnavailable, retryAfter: TimeSpan.FromSeconds(5)));
        _pushFailures.Enqueue(() => throw new HttpRequestException("The connection was reset."));
        var pusher = Client(api).CreatePusher("v1");
        for (var i = 0; i < 3; i++)
            await pusher.AddAsync(Snapshot(i));

        var unavailable = await Assert.ThrowsAsync<EvMonitorApiException>(() => pusher.FlushAsync());
        Assert.Equal(3, pusher.PendingCount);
        await Assert.ThrowsAsync<HttpRequestException>(() => pusher.FlushAsync());
        Assert.Equal(3, pusher.PendingCount);
        await pusher.FlushAsync();

        Assert.Equal(ErrorCodes.StorageUnavailable, unavailable.Code);
        Assert.Equal(0, pusher.PendingCount);
        var bodies = api.To("push").Select(p => p.Body).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task AfterAFailedAutomaticSendAddsKeepSnapshotsWithoutSendingUntilMaxDelayPasses()
    {
        var api = Service();
        _pushFailures.Enqueue(() => FakeApi.Error(HttpStatusCode.ServiceUnavailable, ErrorCodes.StorageUnavailable));
        var pusher = Client(api).CreatePusher("v1", new() { MaxBatchSize = 2, MaxDelay = TimeSpan.FromSeconds(10) });

        await pusher.AddAsync(Snapshot(0));
        await Assert.ThrowsAsync<EvMonitorApiException>(() => pusher.AddAsync(Snapshot(1)));
        await pusher.AddAsync(Snapshot(2));
        await pusher.AddAsync(Snapshot(3));
        Assert.Single(api.To("push"));
        Assert.Equal(4, pusher.PendingCount);
        _time.Advance(TimeSpan.FromSeconds(10));
        await pusher.AddAsync(Snapshot(4));

        Assert.Equal([2, 2, 2, 1], api.To("push").Select(p => Timestamps(p).Count));
        Assert.Equal(0, pusher.PendingCount);
    }

    [Fact]
    public async Task APushRefusedForItsContentHandsBackItsSnapshotsAndTheRestGoOn()
    {
        var api = Service();
        _pushFailures.Enqueue(() => FakeApi.Error(HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed, "data[1][general][state] must be 0, 1, 10 or 11.",
            errors: [new JsonObject { ["field"] = "data[1][general][state]", ["error"] = "must be 0, 1, 10 or 11" }]));
        var pusher = Client(api).CreatePusher("v1", new() { MaxBatchSize = 2 });
        var first = Snapshot(0);
        var invalid = new TelemetrySnapshot { Timestamp = Start.AddSeconds(1), General = new() { State = 5 } };

        await pusher.AddAsync(first);
        var refused = await Assert.ThrowsAsync<PushRejectedException>(() => pusher.AddAsync(invalid));
        await pusher.AddAsync(Snapshot(2));
        await pusher.AddAsync(Snapshot(3));

        Assert.Equal([first, invalid], refused.Snapshots);
        Assert.Equal([new FieldError("data[1][general][state]", "must be 0, 1, 10 or 11")], refused.FieldErrors);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(0, pusher.PendingCount);
        Assert.Equal([Start.ToUnixTimeSeconds() + 2, Start.ToUnixTimeSeconds() + 3], Timestamps(api.To("push")[^1]));
    }

    [Fact]
    public async Task PastMaxPendingANewSnapshotIsRefusedAndNoneKeptIsLost()
    {
        var api = Service();
        _pushFailures.Enqueue(() => FakeApi.Error(HttpStatusCode.ServiceUnavailable, ErrorCodes.StorageUnavailable));
        var pusher = Client(api).CreatePusher("v1", new() { MaxBatchSize = 2, MaxPending = 3 });

        await pusher.AddAsync(Snapshot(0));
        await Assert.ThrowsAsync<EvMonitorApiException>(() => pusher.AddAsync(Snapshot(1)));
        await pusher.AddAsync(Snapshot(2));
        var full = await Assert.ThrowsAsync<InvalidOperationException>(() => pusher.AddAsync(Snapshot(3)));

        Assert.Contains("MaxPending", full.Message);
        Assert.Equal([Start, Start.AddSeconds(1), Start.AddSeconds(2)], pusher.PendingSnapshots.Select(s => s.Timestamp));
    }

    [Fact]
    public async Task ASnapshotJsonCannotCarryIsRefusedWhenAddedNotWhenSent()
    {
        var api = Service();
        var pusher = Client(api).CreatePusher("v1");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => pusher.AddAsync(new TelemetrySnapshot { Timestamp = Start, General = new() { Speed = double.NaN } }));

        Assert.Equal(0, pusher.PendingCount);
    }

    [Fact]
    public async Task DisposingSendsWhatIsLeftAndThenNoMoreIsTaken()
    {
        var api = Service();
        var pusher = Client(api).CreatePusher("v1");
        await pusher.AddAsync(Snapshot(0));

        await pusher.DisposeAsync();

        Assert.Single(api.To("push"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pusher.AddAsync(Snapshot(1)));
    }
}
