using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;

namespace EvMonitor.Journeys;

/// <summary>
/// Trips and charging sessions, derived rows in the vehicle's partition of the <c>telemetry</c>
/// table (see <see cref="Telemetry.TelemetryRows"/>), so that a message's snapshots and the runs they
/// extend are written in one entity-group transaction:
/// <list type="bullet">
/// <item><c>journey-trip-001732554000</c>, <c>journey-charge-001732554000</c>: one trip or charging
/// session, keyed by its end time. Runs of one kind never overlap, so key order is time order whether
/// read by start or end, and the runs overlapping any range are one range query from the range's
/// start;</item>
/// <item><c>journey-hour-001732554000</c>: the pieces of one aligned hour (<see cref="JourneyHour"/>),
/// which a late snapshot's recomputation chains into the runs through it instead of re-reading
/// their snapshots.</item>
/// </list>
/// These keys sort after every snapshot key and before <c>latest</c>, so they are outside every
/// snapshot range and go with the vehicle's telemetry when it is deleted. The head is held in columns
/// of the <c>latest</c> row: the newest snapshot derived so far (its time and kind). Every write of
/// derived rows rewrites that row conditionally on its ETag in the same transaction, which serializes
/// concurrent derivations of one vehicle with each other and with its telemetry.
/// </summary>
public static class JourneyRows
{
    public const string TripPrefix = "journey-trip-";
    public const string ChargePrefix = "journey-charge-";
    public const string HourPrefix = "journey-hour-";

    public static string Prefix(JourneyKind kind) => kind == JourneyKind.Trip ? TripPrefix : ChargePrefix;

    public static string RunKey(JourneyKind kind, long end) => RunKey(Prefix(kind), end);

    public static string RunKey(string prefix, long end) => prefix + end.ToString("D12", CultureInfo.InvariantCulture);

    public static string HourKey(long start) => RunKey(HourPrefix, start);

    /// <summary>Sorts after every run key with the prefix.</summary>
    public static string PrefixEnd(string prefix) => prefix + "~";

    public static TableEntity ToEntity(string vehicleId, JourneySummary run) => new(vehicleId, RunKey(run.Kind, run.End))
    {
        ["Start"] = run.Start,
        ["End"] = run.End,
        ["Summary"] = Serialize(run),
    };

    public static StoredRun FromEntity(TableEntity e) =>
        new(e.RowKey, e.ETag, JsonSerializer.Deserialize(e.GetString("Summary"), JourneyJsonContext.Default.JourneySummary)!);

    public static string Serialize(JourneySummary run) => JsonSerializer.Serialize(run, JourneyJsonContext.Default.JourneySummary);

    /// <summary>Writes <paramref name="head"/> into the <c>latest</c> row; a null head leaves it out.</summary>
    public static void SetHead(TableEntity latest, JourneyHead? head)
    {
        if (head is null)
            return;
        latest["JourneyTime"] = head.LastTime;
        latest["JourneyKind"] = (int)head.LastKind;
        latest["JourneyKnown"] = head.Known;
    }

    /// <summary>The head held in the <c>latest</c> row; null when nothing was derived yet.</summary>
    public static JourneyHead? HeadFrom(TableEntity latest) => latest.GetInt64("JourneyTime") is { } time
        ? new JourneyHead(time, (JourneyKind)(latest.GetInt32("JourneyKind") ?? 0), latest.GetBoolean("JourneyKnown") == true)
        : null;

    /// <summary>The columns of the <c>latest</c> row that hold the head.</summary>
    public static readonly string[] HeadColumns = ["JourneyTime", "JourneyKind", "JourneyKnown"];
}

/// <summary>A run as stored, with the ETag its rewrite is conditional on.</summary>
public sealed record StoredRun(string RowKey, ETag ETag, JourneySummary Summary);

/// <summary>
/// The newest snapshot derived so far: its time and kind. When <see cref="Known"/> is false (the
/// newest snapshot lost its state through a later push), the next derivation recomputes rather than appends.
/// </summary>
public sealed record JourneyHead(long LastTime, JourneyKind LastKind, bool Known);

[JsonSerializable(typeof(JourneySummary))]
[JsonSerializable(typeof(List<JourneySummary>))]
public sealed partial class JourneyJsonContext : JsonSerializerContext;
