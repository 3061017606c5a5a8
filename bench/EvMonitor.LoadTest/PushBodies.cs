using EvMonitor.Api;
using EvMonitor.Bench;
using EvMonitor.Push;
using EvMonitor.Telemetry;

namespace EvMonitor.LoadTest;

/// <summary>
/// One app's push bodies: the sample push, form-encoded as HTTP clients encode it, with fresh
/// timestamps for every push. The encoding is done once; each push only fills in the timestamps.
/// </summary>
public sealed class PushBodies
{
    private readonly string[] _pieces;
    private readonly int[] _timestampOffsets;

    public PushBodies(string token, string vehicleId, int batch, int seed)
    {
        Batch = batch;
        var fields = SamplePush.Fields(SamplePush.Json(token, vehicleId, 0, batch, seed));
        _pieces = new string[fields.Count];
        _timestampOffsets = new int[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            var (key, value) = fields[i];
            var isTimestamp = key.EndsWith("[timestamp]", StringComparison.Ordinal);
            _timestampOffsets[i] = isTimestamp ? int.Parse(value) : -1;
            _pieces[i] = Encode(key) + "=" + (isTimestamp ? "" : Encode(value));
        }
    }

    public int Batch { get; }

    /// <summary>The body of a push whose snapshots are taken at <paramref name="firstTimestamp"/>, +1 s, +2 s, …</summary>
    public string Body(long firstTimestamp)
    {
        var parts = new string[_pieces.Length];
        for (var i = 0; i < _pieces.Length; i++)
            parts[i] = _timestampOffsets[i] < 0 ? _pieces[i] : _pieces[i] + (firstTimestamp + _timestampOffsets[i]);
        return string.Join('&', parts);
    }

    /// <summary>The same snapshots as the service reads them, for the baselines that bypass it.</summary>
    public IReadOnlyList<Snapshot> Snapshots(long firstTimestamp) => Read(firstTimestamp).Snapshots;

    /// <summary>The queue messages the push endpoint makes of the same push.</summary>
    public IReadOnlyList<BinaryData> Messages(long firstTimestamp)
    {
        var (reader, snapshots) = Read(firstTimestamp);
        var header = new TelemetryMessage { PushId = Guid.NewGuid().ToString("N"), VehicleId = reader.VehicleId!, UserAgent = reader.UserAgent, ReceivedAt = DateTimeOffset.UtcNow };
        return TelemetryMessages.Pack(header, snapshots);
    }

    private (PushReader Reader, IReadOnlyList<Snapshot> Snapshots) Read(long firstTimestamp)
    {
        var reader = new PushReader(DateTimeOffset.UtcNow);
        RequestBodyParser.ParseForm(System.Text.Encoding.UTF8.GetBytes(Body(firstTimestamp)), reader);
        var (snapshots, errors) = reader.Complete();
        if (errors.Count > 0)
            throw new InvalidOperationException("The sample push does not validate: " + string.Join("; ", errors));
        return (reader, snapshots);
    }

    // As FormUrlEncodedContent encodes: percent-encoding, with '+' for a space.
    private static string Encode(string text) => Uri.EscapeDataString(text).Replace("%20", "+");
}
