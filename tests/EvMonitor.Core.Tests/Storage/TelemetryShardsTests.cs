using EvMonitor.Core.Tests.Support;
using EvMonitor.Settings;
using Microsoft.Extensions.Options;
using EvMonitor.Storage;

namespace EvMonitor.Core.Tests.Storage;

public sealed class TelemetryShardsTests
{
    [Theory]
    // FNV-1a 32-bit test vectors (the FNV reference, http://www.isthe.com/chongo/tech/comp/fnv/):
    // "a" hashes to 0xe40c292c, "foobar" to 0xbf9cf968; the shard is the hash modulo the count.
    [InlineData("a", 8, 0xe40c292c % 8)]
    [InlineData("a", 7, 0xe40c292c % 7)]
    [InlineData("foobar", 8, 0xbf9cf968 % 8)]
    [InlineData("foobar", 5, 0xbf9cf968 % 5)]
    public void AVehicleGoesToTheShardOfItsIdsFnv1aHashSoEveryProcessAgrees(string vehicleId, int count, long expected)
    {
        Assert.Equal(expected, new TelemetryShards(count).ShardOf(vehicleId));
    }

    [Fact]
    public void OneShardTakesEveryVehicle()
    {
        var shards = new TelemetryShards(1);

        Assert.All(Enumerable.Range(0, 100).Select(_ => Guid.NewGuid().ToString("N")), id => Assert.Equal(0, shards.ShardOf(id)));
    }

    [Fact]
    public void VehiclesSpreadEvenlyOverTheShards()
    {
        var shards = new TelemetryShards(4);
        var random = new Random(14);

        var counts = Enumerable.Range(0, 40_000).Select(_ => shards.ShardOf(random.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture)))
            .GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal([0, 1, 2, 3], counts.Keys.Order());
        Assert.All(counts.Values, count => Assert.InRange(count, 9_000, 11_000));
    }

    [Fact]
    public void ShardZeroIsTheConfiguredQueueAndTheOthersAddTheirNumber()
    {
        var names = new StorageNames(TelemetryQueueName: "telemetry-ingest", TelemetryQueueShards: 3);

        Assert.Equal(["telemetry-ingest", "telemetry-ingest-poison", "telemetry-ingest-1", "telemetry-ingest-1-poison", "telemetry-ingest-2", "telemetry-ingest-2-poison"], names.Queues);
        Assert.Equal(["telemetry-ingest", "telemetry-ingest-poison"], new StorageNames().Queues);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("1", 1)]
    [InlineData("8", 8)]
    public void TheSettingGivesTheCountAndDefaultsToOne(string? value, int expected)
    {
        var settings = value is null ? [] : new[] { ("EvMonitor:TelemetryQueueShards", value) };

        Assert.Equal(expected, StorageNames.From(BoundSettings.Bind<EvMonitorOptions>(settings)).Shards.Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("-1")]
    public void AnyOtherCountIsRefusedAtStartNamingTheSettingAndTheRange(string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => BoundSettings.Bind<EvMonitorOptions>(("EvMonitor:TelemetryQueueShards", value)));

        Assert.Contains("EvMonitor__TelemetryQueueShards", error.Message);
        Assert.Contains("1 to 8", error.Message);
    }
}
