using System.Text.Json;
using EvMonitor.Telemetry;

namespace EvMonitor.Core.Tests.Telemetry;

public sealed class TelemetryMessagesTests
{
    private static string Json(Snapshot snapshot) => JsonSerializer.Serialize(snapshot, TelemetryJsonContext.Default.Snapshot);

    [Fact]
    public void UnpacksWhatItPacked()
    {
        var header = Snapshots.Header();
        Snapshot[] snapshots = [Snapshots.Full(1732550400, 2, 1), new Snapshot { Timestamp = 1732550405, General = { ["speed"] = 90 }}];

        var message = Assert.Single(TelemetryMessages.Pack(header, snapshots));
        var unpacked = TelemetryMessages.Unpack(message.ToMemory());

        Assert.Equal(1, unpacked.Version);
        Assert.Equal(header.PushId, unpacked.PushId);
        Assert.Equal(header.VehicleId, unpacked.VehicleId);
        Assert.Equal(header.UserAgent, unpacked.UserAgent);
        Assert.Equal(header.ReceivedAt, unpacked.ReceivedAt);
        Assert.Equal(snapshots.Select(Json), unpacked.Snapshots.Select(Json));
    }

    /// <summary>
    /// The message format is the source-generated serializer's form of <see cref="TelemetryMessage"/>,
    /// which <see cref="TelemetryMessages.Unpack"/> reads: messages queued before a change of how they
    /// are written must still be read, so the bytes stay the same.
    /// </summary>
    [Theory]
    [InlineData(1, "My cool app")]
    [InlineData(10, null)]
    [InlineData(1000, "My cool app")]
    public void WritesEachMessageByteForByteAsTheSerializerWritesTheWholeMessage(int count, string? userAgent)
    {
        var header = Snapshots.Header();
        header.UserAgent = userAgent;
        var snapshots = Enumerable.Range(0, count).Select(i => Snapshots.Full(1732550400 + i, motors: 2, batteries: 1)).ToList();

        var messages = TelemetryMessages.Pack(header, snapshots);

        var first = 0;
        foreach (var message in messages)
        {
            var taken = TelemetryMessages.Unpack(message.ToMemory()).Snapshots.Count;
            var whole = new TelemetryMessage { PushId = header.PushId, VehicleId = header.VehicleId, UserAgent = userAgent, ReceivedAt = header.ReceivedAt, Snapshots = snapshots[first..(first + taken)] };
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(whole, TelemetryJsonContext.Default.TelemetryMessage), message.ToArray());
            first += taken;
        }
        Assert.Equal(count, first);
    }

    [Fact]
    public void PacksASmallPushAfterALargeOneWithNothingOfTheLargeOne()
    {
        var header = Snapshots.Header();
        TelemetryMessages.Pack(header, [.. Enumerable.Range(0, 300).Select(i => Snapshots.Full(1732550400 + i, motors: 2, batteries: 1))]);

        var message = Assert.Single(TelemetryMessages.Pack(header, [new Snapshot { Timestamp = 1732560000 }]));

        Assert.Equal([1732560000L], TelemetryMessages.Unpack(message.ToMemory()).Snapshots.Select(s => s.Timestamp));
    }

    [Fact]
    public void LeavesOutAnAbsentUserAgent()
    {
        var header = Snapshots.Header();
        header.UserAgent = null;

        var message = Assert.Single(TelemetryMessages.Pack(header, [new Snapshot { Timestamp = 1732550400 }]));

        Assert.DoesNotContain("user_agent", message.ToString());
        Assert.Null(TelemetryMessages.Unpack(message.ToMemory()).UserAgent);
    }

    [Fact]
    public void SplitsAThousandSnapshotsOverMessagesThatEachFitTheQueue()
    {
        var header = Snapshots.Header();
        var snapshots = Enumerable.Range(0, 1000).Select(i => Snapshots.Full(1732550400 + i, motors: 2, batteries: 1)).ToList();

        var messages = TelemetryMessages.Pack(header, snapshots);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.True(m.ToMemory().Length <= TelemetryMessages.MaxPayloadBytes, $"{m.ToMemory().Length} bytes"));
        var unpacked = messages.Select(m => TelemetryMessages.Unpack(m.ToMemory())).ToList();
        Assert.All(unpacked, m => Assert.Equal(header.PushId, m.PushId));
        Assert.Equal(snapshots.Select(Json), unpacked.SelectMany(m => m.Snapshots).Select(Json));
    }

    [Fact]
    public void CompressesASnapshotTooLargeForOneMessageIntoItsOwnMessage()
    {
        var header = Snapshots.Header();
        var huge = Snapshots.Full(1732550401, motors: 256, batteries: 256);
        Assert.True(JsonSerializer.SerializeToUtf8Bytes(huge, TelemetryJsonContext.Default.Snapshot).Length > TelemetryMessages.MaxPayloadBytes);
        Snapshot[] snapshots = [new Snapshot { Timestamp = 1732550400 }, huge, new Snapshot { Timestamp = 1732550402 }];

        var messages = TelemetryMessages.Pack(header, snapshots);

        var compressed = Assert.Single(messages, m => m.ToMemory().Span[..2].SequenceEqual(new byte[] { 0x1f, 0x8b }));
        Assert.True(compressed.ToMemory().Length <= TelemetryMessages.MaxPayloadBytes);
        var alone = TelemetryMessages.Unpack(compressed.ToMemory());
        Assert.Equal(Json(huge), Json(Assert.Single(alone.Snapshots)));
        Assert.Equal(256, alone.Snapshots[0].Motors!.Count);
        Assert.Equal(256, alone.Snapshots[0].Batteries!.Count);
        Assert.Equal([1732550400L, 1732550401, 1732550402],
            messages.SelectMany(m => TelemetryMessages.Unpack(m.ToMemory()).Snapshots).Select(s => s.Timestamp).Order());
    }

    [Fact]
    public void ThrowsSnapshotTooLargeGivenASnapshotThatDoesNotFitEvenCompressed()
    {
        Snapshot[] snapshots = [new Snapshot { Timestamp = 1732550400 }, Snapshots.Full(1732550401, 1, 1)];

        var e = Assert.Throws<SnapshotTooLargeException>(() => TelemetryMessages.Pack(Snapshots.Header(), snapshots, maxPayloadBytes: 300));

        Assert.Equal(1, e.Position);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"v":2,"vehicle_id":"abcdefg1234","snapshots":[{"timestamp":1732550400}]}""")]
    [InlineData("""{"v":1,"vehicle_id":"","snapshots":[{"timestamp":1732550400}]}""")]
    [InlineData("""{"v":1,"vehicle_id":"abcdefg1234","snapshots":[]}""")]
    [InlineData("""{"v":1,"vehicle_id":"abcdefg1234","snapshots":[{"timestamp":"soon"}]}""")]
    public void ThrowsInvalidDataGivenAMessageItDidNotWrite(string payload)
    {
        Assert.Throws<InvalidDataException>(() => TelemetryMessages.Unpack(System.Text.Encoding.UTF8.GetBytes(payload)));
    }

    [Fact]
    public void ThrowsInvalidDataGivenBrokenGzip()
    {
        Assert.Throws<InvalidDataException>(() => TelemetryMessages.Unpack(new byte[] { 0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }));
    }
}
