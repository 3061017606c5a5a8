using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Telemetry;
using Xunit.Abstractions;

namespace EvMonitor.IntegrationTests.Export;

/// <summary>
/// An export keeps the service's memory flat: the live heap (measured after a full collection,
/// every 100 ms while the file streams) grows by about as much for 100,000 snapshots as for 10,000,
/// where an export that held the file, or its snapshots, would grow by nine tenths of the larger
/// file more. The figures are printed for docs/performance.md.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExportMemoryTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Snapshots = 100_000;

    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(azurite);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task ExportingTenTimesTheSnapshotsLeavesThePeakLiveHeapWhereItWas()
    {
        var account = await _service.CreateAccountAsync();
        var token = await _service.Client.LoginAsync(account);
        // One a second for 100,000 s, ending two days ago: within the 31 days one export covers.
        var first = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 86_400 * 86_400 - 3 * 86_400;
        await StoreAsync(account.VehicleId, first);

        var small = await ExportAsync(token, account.VehicleId, first, Snapshots / 10);
        var large = await ExportAsync(token, account.VehicleId, first, Snapshots);

        output.WriteLine($"peak working set of the process (test, service and client): {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0} MB");
        Assert.Equal(Snapshots / 10 + 1, small.Lines);
        Assert.Equal(Snapshots + 1, large.Lines);
        // Ten times the file, and the heap's growth barely moves: a file or its snapshots held in
        // memory would add nine tenths of the larger file here.
        Assert.True(large.Growth - small.Growth < large.Bytes / 4,
            $"The live heap grew by {large.Growth:N0} bytes for a {large.Bytes:N0}-byte export, and {small.Growth:N0} for a {small.Bytes:N0}-byte one.");
    }

    private async Task<(long Bytes, int Lines, long Growth)> ExportAsync(string token, string vehicleId, long first, int snapshots)
    {
        var before = LiveHeap();
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, LiveHeap());
                await Task.Delay(100);
            }
        });
        var clock = Stopwatch.StartNew();
        using var response = await _service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "export")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = token, ["vehicle_id"] = vehicleId, ["from"] = $"{first}", ["to"] = $"{first + snapshots - 1}", ["format"] = "csv",
            }),
        }, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (bytes, lines) = await CountAsync(await response.Content.ReadAsStreamAsync());
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        var after = LiveHeap();

        output.WriteLine($"export of {snapshots:N0} snapshots: {bytes:N0} bytes, {lines:N0} lines in {clock.Elapsed.TotalSeconds:0.0} s (a full collection every 100 ms);" +
            $" live heap before {before / 1e6:0.0} MB, peak {peak / 1e6:0.0} MB (+{(peak - before) / 1e6:0.0} MB), after {after / 1e6:0.0} MB");
        return (bytes, lines, peak - before);
    }

    private static long LiveHeap() => GC.GetTotalMemory(forceFullCollection: true);

    /// <summary>Reads the body as it comes, keeping nothing but the counts.</summary>
    private static async Task<(long Bytes, int Lines)> CountAsync(Stream body)
    {
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        var lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        return (bytes, lines);
    }

    /// <summary>
    /// The rows as the normalizer writes them (<see cref="TelemetryRows.ToEntities"/>), added in
    /// transactions of 100, eight at a time: far quicker than 100 pushes through the queue.
    /// </summary>
    private async Task StoreAsync(string vehicleId, long first)
    {
        var table = _service.Storage.Table(_service.Storage.Names.Telemetry);
        var message = new TelemetryMessage { PushId = "bulk", VehicleId = vehicleId, UserAgent = "bulk loader", ReceivedAt = DateTimeOffset.UtcNow };
        await Parallel.ForEachAsync(Enumerable.Range(0, Snapshots / 100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, token) =>
        {
            var actions = Enumerable.Range(batch * 100, 100).Select(k =>
            {
                var snapshot = new Snapshot { Timestamp = first + k, Gps = new Readings(TelemetryGroup.Gps) { ["lat"] = 44.6 + k / 1e6, ["lng"] = 10.9 + k / 1e6, ["acc"] = 5 } };
                snapshot.General["speed"] = 40 + k % 80;
                snapshot.General["state"] = 1;
                snapshot.General["odometer"] = 12_000 + k / 100.0;
                return TelemetryRows.ToEntities(message, snapshot)[0];
            }).Select(row => new TableTransactionAction(TableTransactionActionType.Add, row));
            await table.SubmitTransactionAsync(actions, token);
        });
    }
}
