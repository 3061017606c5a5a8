using System.Buffers;
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

    /// <summary>Ends the snapshot array and the message.</summary>
    private static ReadOnlySpan<byte> Closing => "]}"u8;

    [ThreadStatic]
    private static PackBuffers? t_buffers;

    /// <summary>Splits <paramref name="snapshots"/> over messages that all carry the same push header.</summary>
    /// <remarks>
    /// Each snapshot is written once, straight after the ones before it in the message being built;
    /// only one that overflows it is copied, to start the next. The buffers are the thread's own and
    /// kept between pushes, so a push allocates its messages' payloads and little else.
    /// </remarks>
    /// <exception cref="SnapshotTooLargeException">A snapshot does not fit one message even compressed.</exception>
    public static IReadOnlyList<BinaryData> Pack(TelemetryMessage header, IReadOnlyList<Snapshot> snapshots, int maxPayloadBytes = MaxPayloadBytes)
    {
        var buffers = t_buffers ??= new PackBuffers();
        var messages = new List<BinaryData>(1);
        var empty = buffers.Start(header);
        for (var i = 0; i < snapshots.Count; i++)
        {
            var mark = buffers.Current.WrittenCount;
            JsonSerializer.Serialize(buffers.Writer, snapshots[i], TelemetryJsonContext.Default.Snapshot);
            buffers.Writer.Flush();
            if (buffers.Current.WrittenCount + Closing.Length <= maxPayloadBytes)
                continue;
            if (mark > empty)
            {
                messages.Add(Closed(buffers.Current.WrittenSpan[..mark]));
                buffers.StartWith(header, mark + 1); // after the comma before it
                if (buffers.Current.WrittenCount + Closing.Length <= maxPayloadBytes)
                    continue;
            }
            messages.Add(Compressed(buffers.Current.WrittenSpan, i, maxPayloadBytes));
            buffers.Start(header);
        }
        if (buffers.Current.WrittenCount > empty)
            messages.Add(Closed(buffers.Current.WrittenSpan));
        if (buffers.Oversized)
            t_buffers = null; // a very large snapshot grew them: not kept for every push to come
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

    /// <summary>The message so far, closed: <c>]}</c> ends the snapshot array and the message.</summary>
    private static BinaryData Closed(ReadOnlySpan<byte> open)
    {
        var payload = new byte[open.Length + Closing.Length];
        open.CopyTo(payload);
        Closing.CopyTo(payload.AsSpan(open.Length));
        return new BinaryData(payload);
    }

    private static BinaryData Compressed(ReadOnlySpan<byte> open, int position, int maxPayloadBytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(open);
            gzip.Write(Closing);
        }
        if (buffer.Length > maxPayloadBytes)
            throw new SnapshotTooLargeException(position);
        return new BinaryData(buffer.ToArray());
    }

    /// <summary>
    /// A message being written, and a spare buffer to start the next one in: about a message's size
    /// each once grown (16 to 64 KiB), kept by every thread that packs.
    /// </summary>
    private sealed class PackBuffers
    {
        private static readonly JsonEncodedText Version = JsonEncodedText.Encode("v");
        private static readonly JsonEncodedText PushId = JsonEncodedText.Encode("push_id");
        private static readonly JsonEncodedText VehicleId = JsonEncodedText.Encode("vehicle_id");
        private static readonly JsonEncodedText UserAgent = JsonEncodedText.Encode("user_agent");
        private static readonly JsonEncodedText ReceivedAt = JsonEncodedText.Encode("received_at");
        private static readonly JsonEncodedText Snapshots = JsonEncodedText.Encode("snapshots");

        private ArrayBufferWriter<byte> _spare = new(16 * 1024);

        public ArrayBufferWriter<byte> Current { get; private set; } = new(16 * 1024);

        public Utf8JsonWriter Writer { get; } = new(Stream.Null);

        public bool Oversized => Math.Max(Current.Capacity, _spare.Capacity) > 2 * MaxPayloadBytes;

        /// <summary>Starts an empty message (the header, the snapshot array opened); returns its length.</summary>
        public int Start(TelemetryMessage header)
        {
            Current.ResetWrittenCount();
            WriteHeader(header, Current);
            return Current.WrittenCount;
        }

        /// <summary>Starts the next message with the last snapshot written to the current one, from <paramref name="from"/>.</summary>
        public void StartWith(TelemetryMessage header, int from)
        {
            (Current, _spare) = (_spare, Current);
            Current.ResetWrittenCount();
            WriteHeader(header, Current);
            Writer.WriteRawValue(_spare.WrittenSpan[from..], skipInputValidation: true);
            Writer.Flush();
        }

        private void WriteHeader(TelemetryMessage header, ArrayBufferWriter<byte> buffer)
        {
            Writer.Reset(buffer);
            Writer.WriteStartObject();
            Writer.WriteNumber(Version, header.Version);
            Writer.WriteString(PushId, header.PushId);
            Writer.WriteString(VehicleId, header.VehicleId);
            if (header.UserAgent is not null)
                Writer.WriteString(UserAgent, header.UserAgent);
            Writer.WriteString(ReceivedAt, header.ReceivedAt);
            Writer.WriteStartArray(Snapshots);
            Writer.Flush();
        }
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
