using Azure.Data.Tables;
using EvMonitor.Telemetry;
using EvMonitor.VehicleHealth;

namespace EvMonitor.Core.Tests.VehicleHealth;

public sealed class DeliveryFiguresTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static TelemetryMessage Message(DateTimeOffset receivedAt, params long[] measured) => new()
    {
        PushId = "p",
        VehicleId = "v",
        ReceivedAt = receivedAt,
        Snapshots = [.. measured.Select(t => new Snapshot { Timestamp = t })],
    };

    [Fact]
    public void FiguresWrittenToTheLatestRowReadBackTheSame()
    {
        var figures = DeliveryFigures.None
            .With(Message(Noon, Noon.ToUnixTimeSeconds() - 3, Noon.ToUnixTimeSeconds() - 1), written: 2, repushed: 0)
            .With(Message(Noon.AddHours(1), Noon.ToUnixTimeSeconds() - 1), written: 1, repushed: 1);
        var row = new TableEntity("v", TelemetryRows.LatestRowKey);

        figures.WriteTo(row);
        var read = DeliveryFigures.From(row);

        Assert.Equal(Noon.AddHours(1), read.LastReceivedAt);
        Assert.Equal([3.0, 1.0, 3601.0], read.Lags);
        Assert.Equal([new HourFigures(VehicleHealthRows.HourOf(Noon), 2, 0), new HourFigures(VehicleHealthRows.HourOf(Noon) + 1, 1, 1)], read.Hours);
    }

    [Fact]
    public void OnlyTheLast24HoursAndTheLast1000LagsAreKept()
    {
        var figures = DeliveryFigures.None;
        for (var h = 0; h < 30; h++)
            figures = figures.With(Message(Noon.AddHours(h), [.. Enumerable.Range(0, 50).Select(i => Noon.AddHours(h).ToUnixTimeSeconds() - i)]), written: 50, repushed: 0);

        Assert.Equal(VehicleHealthRows.HoursKept, figures.Hours.Count);
        Assert.Equal(VehicleHealthRows.HourOf(Noon) + 6, figures.Hours[0].Hour);
        Assert.Equal(VehicleHealthRows.MaxLags, figures.Lags.Length);
        Assert.Equal((24 * 50, 0), figures.Last24Hours(VehicleHealthRows.HourOf(Noon) + 29));
    }

    [Fact]
    public void AnOlderMessageStoredLaterKeepsTheLastReceivedTime()
    {
        var figures = DeliveryFigures.None.With(Message(Noon, Noon.ToUnixTimeSeconds()), 1, 0).With(Message(Noon.AddMinutes(-5), Noon.ToUnixTimeSeconds() - 600), 1, 0);

        Assert.Equal(Noon, figures.LastReceivedAt);
    }
}
