using System.Globalization;
using Azure.Data.Tables;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.VehicleHealth;

namespace EvMonitor.IntegrationTests.Support;

public static class TableRows
{
    private static readonly string[] StorageProperties = ["odata.etag", "Timestamp"];

    /// <summary>
    /// The telemetry rows of a vehicle's partition: its snapshots, their motors and batteries, and the
    /// latest pointer; not the rows derived from them (trips, sessions, delivery health), whose keys start with a letter.
    /// </summary>
    public static async Task<List<TableEntity>> TelemetryOfAsync(StorageClients storage, string vehicleId) =>
        [.. (await PartitionOfAsync(storage, vehicleId)).Where(IsTelemetry)];

    /// <summary>A snapshot's row, a motor's or battery's, or the latest pointer: not a derived row (those keys start with a letter).</summary>
    public static bool IsTelemetry(TableEntity row) => char.IsAsciiDigit(row.RowKey[0]) || row.RowKey == TelemetryRows.LatestRowKey;

    /// <summary>
    /// The columns that say when and how a push was received, which differ between two pushes of
    /// the same snapshots: the push's id and time on each snapshot, and the delivery figures of the latest row.
    /// </summary>
    public static readonly string[] ReceiptColumns = ["PushId", "ReceivedAt", .. DeliveryFigures.Columns];

    /// <summary>Every row of a vehicle's partition of the telemetry table, derived ones included.</summary>
    public static async Task<List<TableEntity>> PartitionOfAsync(StorageClients storage, string vehicleId) =>
        await storage.TelemetryTableOf(vehicleId).QueryAsync<TableEntity>(e => e.PartitionKey == vehicleId).ToListAsync();

    /// <summary>
    /// Every row as one sorted line per property (<c>001732550400-m001 Rpm=5180 (Int32)</c>), leaving out
    /// what storage sets on each write (Timestamp, ETag) and the properties named in <paramref name="ignore"/>:
    /// two sets of rows are the same data when their descriptions are equal.
    /// </summary>
    public static List<string> Describe(IEnumerable<TableEntity> rows, params string[] ignore) =>
        rows.SelectMany(row => row
                .Where(p => !StorageProperties.Contains(p.Key) && !ignore.Contains(p.Key) && p.Key != "RowKey")
                .Select(p => $"{row.RowKey} {p.Key}={Format(p.Value)} ({p.Value?.GetType().Name})"))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string? Format(object? value) => value switch
    {
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };
}
