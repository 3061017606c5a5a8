using System.Buffers.Binary;
using System.Globalization;
using Azure.Data.Tables;

namespace EvMonitor.VehicleHealth;

/// <summary>
/// A vehicle's delivery health, kept in its partition of the <c>telemetry</c> table (derived data,
/// keyed between its snapshots and its <c>latest</c> row, so erased with its telemetry). Rows:
/// <list type="bullet">
/// <item><c>health-h000000481264</c>: the counts of one hour (Unix hour number): snapshots stored,
/// of those re-pushed, pushes rejected (in all and one <c>Rejected_CODE</c> column per code), and the
/// last rejection's time and code;</item>
/// <item><c>health-recent</c>: when a snapshot was last received, and the lags (received − measured,
/// seconds) of the last <see cref="MaxLags"/> snapshots received, oldest first, as one binary column.</item>
/// </list>
/// </summary>
public static class VehicleHealthRows
{
    public const string RecentRowKey = "health-recent";
    public const string HourPrefix = "health-h";

    /// <summary>8 KB of doubles: well within a binary column's 64 KiB.</summary>
    public const int MaxLags = 1000;

    public const string RejectedPrefix = "Rejected_";

    /// <summary>The current hour and the 23 before it: what "the last 24 hours" covers.</summary>
    public const int HoursKept = 24;

    public static string HourKey(long hour) => HourPrefix + hour.ToString("D12", CultureInfo.InvariantCulture);

    public static long HourOf(DateTimeOffset time) => time.ToUnixTimeSeconds() / 3600;

    public static double[] Lags(TableEntity row)
    {
        if (row.GetBinary("Lags") is not { } bytes)
            return [];
        var lags = new double[bytes.Length / sizeof(double)];
        for (var i = 0; i < lags.Length; i++)
            lags[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)));
        return lags;
    }

    public static byte[] LagBytes(IReadOnlyList<double> lags)
    {
        var bytes = new byte[lags.Count * sizeof(double)];
        for (var i = 0; i < lags.Count; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * sizeof(double)), lags[i]);
        return bytes;
    }

    public static int Count(TableEntity row, string column) => row.GetInt32(column) ?? 0;
}
