using System.Globalization;
using Azure.Data.Tables;

namespace EvMonitor.VehicleHealth;

/// <summary>
/// A vehicle's delivery health, kept in its partition of the <c>telemetry</c> table (derived data,
/// keyed between its snapshots and its <c>latest</c> row, so erased with its telemetry). Rows:
/// <list type="bullet">
/// <item><c>health-h000000481264</c>: the pushes refused in one hour (Unix hour number), one
/// <c>Rejected_CODE</c> column per code, and the last rejection's time and code.</item>
/// </list>
/// What was stored is counted in the vehicle's <c>latest</c> row instead (<see cref="DeliveryFigures"/>).
/// </summary>
public static class VehicleHealthRows
{
    public const string HourPrefix = "health-h";

    /// <summary>8 KB of doubles: well within a binary column's 64 KiB.</summary>
    public const int MaxLags = 1000;

    public const string RejectedPrefix = "Rejected_";

    /// <summary>The current hour and the 23 before it: what "the last 24 hours" covers.</summary>
    public const int HoursKept = 24;

    public static string HourKey(long hour) => HourPrefix + hour.ToString("D12", CultureInfo.InvariantCulture);

    public static long HourOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 3600;

    public static int Count(TableEntity row, string column) => row.GetInt32(column) ?? 0;
}
