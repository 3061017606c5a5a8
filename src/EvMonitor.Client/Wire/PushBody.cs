using System.Buffers;
using System.Text.Json;

namespace EvMonitor.Client.Wire;

/// <summary>
/// The JSON body of a push, put together from snapshots serialized one by one, so that a batch's
/// exact size is known before it is sent and each snapshot is serialized once however often its
/// batch is retried.
/// </summary>
internal static class PushBody
{
    /// <summary>The service's limits (docs/api.md, push): 1,000 snapshots and 1 MiB per body.</summary>
    public const int MaxSnapshots = 1000;
    public const int MaxBytes = 1_048_576;

    /// <exception cref="ArgumentException">A reading is NaN or infinite, which JSON cannot carry.</exception>
    public static byte[] Snapshot(TelemetrySnapshot snapshot) =>
        JsonSerializer.SerializeToUtf8Bytes(PushedSnapshot.From(snapshot), ClientJson.Default.PushedSnapshot);

    public static byte[] Compose(string vehicleId, string? userAgent, IEnumerable<byte[]> snapshots)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("vehicle_id", vehicleId);
            if (userAgent is not null)
                writer.WriteString("user-agent", userAgent);
            writer.WriteStartArray("data");
            foreach (var snapshot in snapshots)
                writer.WriteRawValue(snapshot, skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The bytes of a body with no snapshot; each snapshot adds its own length and a comma after the first.</summary>
    public static int EnvelopeBytes(string vehicleId, string? userAgent) => Compose(vehicleId, userAgent, []).Length;
}
