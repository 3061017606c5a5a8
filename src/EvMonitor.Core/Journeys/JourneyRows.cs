using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;

namespace EvMonitor.Journeys;

/// <summary>
/// The <c>journeys</c> table, derived from the telemetry table. Partition: the vehicle id. Rows:
/// <list type="bullet">
/// <item><c>trip-001732554000</c>, <c>charge-001732554000</c>: one trip or charging session, keyed by
/// its end time. Runs of one kind never overlap, so key order is time order whether read by start
/// or end, and the runs overlapping any range are one range query from the range's start;</item>
/// <item><c>head</c>: the newest snapshot derived so far (its time and kind). Every derivation
/// rewrites it conditionally on its ETag in the same transaction as its runs, which serializes
/// concurrent derivations of one vehicle.</item>
/// </list>
/// </summary>
public static class JourneyRows
{
    public const string HeadRowKey = "head";
    public const string TripPrefix = "trip-";
    public const string ChargePrefix = "charge-";

    public static string Prefix(JourneyKind kind) => kind == JourneyKind.Trip ? TripPrefix : ChargePrefix;

    public static string RunKey(JourneyKind kind, long end) => RunKey(Prefix(kind), end);

    public static string RunKey(string prefix, long end) => prefix + end.ToString("D12", CultureInfo.InvariantCulture);

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

    public static TableEntity Head(string vehicleId, Head head) => new(vehicleId, HeadRowKey)
    {
        ["LastTime"] = head.LastTime,
        ["LastKind"] = (int)head.LastKind,
        ["Known"] = head.Known,
    };

    public static Head HeadFrom(TableEntity e) =>
        new(e.ETag, e.GetInt64("LastTime") ?? 0, (JourneyKind)(e.GetInt32("LastKind") ?? 0), e.GetBoolean("Known") == true);
}

/// <summary>A run as stored, with the ETag its rewrite is conditional on.</summary>
public sealed record StoredRun(string RowKey, ETag ETag, JourneySummary Summary);

/// <summary>
/// The newest snapshot derived so far: its time and kind. When <see cref="Known"/> is false (the
/// newest snapshot lost its state through a later push), the next derivation recomputes rather than appends.
/// </summary>
public sealed record Head(ETag ETag, long LastTime, JourneyKind LastKind, bool Known);

[JsonSerializable(typeof(JourneySummary))]
public sealed partial class JourneyJsonContext : JsonSerializerContext;
