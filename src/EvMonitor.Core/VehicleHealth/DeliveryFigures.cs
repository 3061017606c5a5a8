using System.Buffers.Binary;
using Azure.Data.Tables;
using EvMonitor.Telemetry;

namespace EvMonitor.VehicleHealth;

/// <summary>
/// What a vehicle's stored messages tell about its delivery: when the last one was received, the
/// lags (received − measured, seconds) of the last <see cref="VehicleHealthRows.MaxLags"/> snapshots
/// received, oldest first, and how many snapshots were stored and re-pushed in each hour of the last
/// day. Kept as columns of the vehicle's <c>latest</c> row, which the transaction storing a message
/// rewrites anyway (<see cref="TelemetryTable"/>), so keeping them costs no request of its own, and
/// they are exact and current once the message is stored.
/// </summary>
public sealed record DeliveryFigures(DateTimeOffset? LastReceivedAt, double[] Lags, IReadOnlyList<HourFigures> Hours)
{
    public static readonly DeliveryFigures None = new(null, [], []);

    public static readonly string[] Columns = ["LastReceivedAt", "Lags", "StoredHours"];

    /// <summary>Hour, snapshots stored, of those re-pushed: 8 + 4 + 4 bytes.</summary>
    private const int HourBytes = 16;

    public static DeliveryFigures From(TableEntity latest)
    {
        var lagBytes = latest.GetBinary("Lags") ?? [];
        var lags = new double[lagBytes.Length / sizeof(double)];
        for (var i = 0; i < lags.Length; i++)
            lags[i] = BinaryPrimitives.ReadDoubleLittleEndian(lagBytes.AsSpan(i * sizeof(double)));
        var hourBytes = latest.GetBinary("StoredHours") ?? [];
        var hours = new HourFigures[hourBytes.Length / HourBytes];
        for (var i = 0; i < hours.Length; i++)
        {
            var entry = hourBytes.AsSpan(i * HourBytes, HourBytes);
            hours[i] = new HourFigures(BinaryPrimitives.ReadInt64LittleEndian(entry), BinaryPrimitives.ReadInt32LittleEndian(entry[8..]), BinaryPrimitives.ReadInt32LittleEndian(entry[12..]));
        }
        return new DeliveryFigures(latest.GetDateTimeOffset("LastReceivedAt"), lags, hours);
    }

    /// <summary>Writes the figures into <paramref name="latest"/>; none is left out when there is nothing to say.</summary>
    public void WriteTo(TableEntity latest)
    {
        if (LastReceivedAt is { } received)
            latest["LastReceivedAt"] = received;
        if (Lags.Length > 0)
        {
            var lagBytes = new byte[Lags.Length * sizeof(double)];
            for (var i = 0; i < Lags.Length; i++)
                BinaryPrimitives.WriteDoubleLittleEndian(lagBytes.AsSpan(i * sizeof(double)), Lags[i]);
            latest["Lags"] = lagBytes;
        }
        if (Hours.Count > 0)
        {
            var hourBytes = new byte[Hours.Count * HourBytes];
            for (var i = 0; i < Hours.Count; i++)
            {
                var entry = hourBytes.AsSpan(i * HourBytes, HourBytes);
                BinaryPrimitives.WriteInt64LittleEndian(entry, Hours[i].Hour);
                BinaryPrimitives.WriteInt32LittleEndian(entry[8..], Hours[i].Stored);
                BinaryPrimitives.WriteInt32LittleEndian(entry[12..], Hours[i].Repushed);
            }
            latest["StoredHours"] = hourBytes;
        }
    }

    /// <summary>The figures once <paramref name="message"/> is stored: <paramref name="written"/> snapshots, <paramref name="repushed"/> of them re-pushed.</summary>
    public DeliveryFigures With(TelemetryMessage message, int written, int repushed)
    {
        // The kept lags, then the message's, keeping the last MaxLags: one array, written once per message.
        var added = Math.Min(message.Snapshots.Count, VehicleHealthRows.MaxLags);
        var kept = Math.Min(Lags.Length, VehicleHealthRows.MaxLags - added);
        var lags = new double[kept + added];
        Array.Copy(Lags, Lags.Length - kept, lags, 0, kept);
        for (var i = 0; i < added; i++)
            lags[kept + i] = (message.ReceivedAt - DateTimeOffset.FromUnixTimeSeconds(message.Snapshots[message.Snapshots.Count - added + i].Timestamp)).TotalSeconds;
        var hour = VehicleHealthRows.HourOf(message.ReceivedAt);
        var newest = Math.Max(hour, Hours.Count > 0 ? Hours.Max(h => h.Hour) : hour);
        var current = Hours.FirstOrDefault(h => h.Hour == hour) with { Hour = hour };
        var hours = Hours.Where(h => h.Hour != hour)
            .Append(current with { Stored = current.Stored + written, Repushed = current.Repushed + repushed })
            .Where(h => h.Hour > newest - VehicleHealthRows.HoursKept)
            .OrderBy(h => h.Hour)
            .ToList();
        var received = LastReceivedAt >= message.ReceivedAt ? LastReceivedAt : message.ReceivedAt;
        return new DeliveryFigures(received, lags, hours);
    }

    /// <summary>Snapshots stored and re-pushed in the 24 hours up to <paramref name="hour"/>.</summary>
    public (int Stored, int Repushed) Last24Hours(long hour)
    {
        var kept = Hours.Where(h => h.Hour > hour - VehicleHealthRows.HoursKept && h.Hour <= hour).ToList();
        return (kept.Sum(h => h.Stored), kept.Sum(h => h.Repushed));
    }
}

/// <summary>Snapshots stored in one hour (Unix hour number), and how many of them replaced one an earlier push had stored.</summary>
public readonly record struct HourFigures(long Hour, int Stored, int Repushed);
