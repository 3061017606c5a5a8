using System.IO.Compression;
using System.Text.Json;
using EvMonitor.Telemetry;

namespace EvMonitor.Benchmarks;

/// <summary>
/// <see cref="TelemetryMessages.Pack"/> as it was up to commit c7e8926 (each snapshot serialized to an
/// array of its own, the header written twice, every message through a <c>MemoryStream</c>), kept so
/// that <see cref="PushPath"/> compares it with the current one in the same run. Same messages, byte for byte.
/// </summary>
public static class PackBefore
{
    public static IReadOnlyList<BinaryData> Pack(TelemetryMessage header, IReadOnlyList<Snapshot> snapshots, int maxPayloadBytes = TelemetryMessages.MaxPayloadBytes)
    {
        var headerBytes = Write(header, []).Length;
        var messages = new List<BinaryData>();
        var batch = new List<byte[]>();
        var batchBytes = headerBytes;
        for (var i = 0; i < snapshots.Count; i++)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(snapshots[i], TelemetryJsonContext.Default.Snapshot);
            if (headerBytes + json.Length > maxPayloadBytes)
            {
                var compressed = Compress(Write(header, [json]));
                if (compressed.Length > maxPayloadBytes)
                    throw new SnapshotTooLargeException(i);
                messages.Add(new BinaryData(compressed));
                continue;
            }
            if (batchBytes + json.Length + 1 > maxPayloadBytes)
            {
                messages.Add(new BinaryData(Write(header, batch)));
                batch.Clear();
                batchBytes = headerBytes;
            }
            batch.Add(json);
            batchBytes += json.Length + 1;
        }
        if (batch.Count > 0)
            messages.Add(new BinaryData(Write(header, batch)));
        return messages;
    }

    private static byte[] Write(TelemetryMessage header, IReadOnlyList<byte[]> snapshots)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", header.Version);
            writer.WriteString("push_id", header.PushId);
            writer.WriteString("vehicle_id", header.VehicleId);
            if (header.UserAgent is not null)
                writer.WriteString("user_agent", header.UserAgent);
            writer.WriteString("received_at", header.ReceivedAt);
            writer.WriteStartArray("snapshots");
            foreach (var snapshot in snapshots)
                writer.WriteRawValue(snapshot, skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static byte[] Compress(byte[] json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
            gzip.Write(json);
        return buffer.ToArray();
    }
}
