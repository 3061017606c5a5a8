using System.IO.Compression;
using System.Text.Json;

namespace EvMonitor.Telemetry;

/// <summary>
/// Packs a push into as few queue messages as fit the queue's 64 KiB limit, and reads them back.
/// A message is UTF-8 JSON; a single snapshot too large for that is sent alone, gzip-compressed.
/// </summary>
public static class TelemetryMessages
{
    /// <summary>48 KiB of payload: 64 KiB once Base64-encoded, which the queue and the Functions host use.</summary>
    public const int MaxPayloadBytes = 48 * 1024;

    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];

    /// <summary>Splits <paramref name="snapshots"/> over messages that all carry the same push header.</summary>
    /// <exception cref="SnapshotTooLargeException">A snapshot does not fit one message even compressed.</exception>
    public static IReadOnlyList<BinaryData> Pack(TelemetryMessage header, IReadOnlyList<Snapshot> snapshots, int maxPayloadBytes = MaxPayloadBytes)
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

    /// <exception cref="InvalidDataException">The message is not one this service wrote.</exception>
    public static TelemetryMessage Unpack(ReadOnlyMemory<byte> payload)
    {
        try
        {
            var json = payload.Span.StartsWith(GzipMagic) ? Decompress(payload) : payload;
            var message = JsonSerializer.Deserialize(json.Span, TelemetryJsonContext.Default.TelemetryMessage);
            if (message is null || message.Version != 1 || string.IsNullOrEmpty(message.VehicleId) || message.Snapshots.Count == 0)
                throw new InvalidDataException("The message is not a telemetry message of version 1 with a vehicle and snapshots.");
            return message;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("The message is not valid telemetry JSON: " + e.Message, e);
        }
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

    private static ReadOnlyMemory<byte> Decompress(ReadOnlyMemory<byte> payload)
    {
        using var gzip = new GZipStream(new MemoryStream(payload.ToArray()), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        return output.ToArray();
    }
}

public sealed class SnapshotTooLargeException(int position)
    : Exception($"Snapshot {position} does not fit in one queue message, even compressed.")
{
    public int Position { get; } = position;
}
