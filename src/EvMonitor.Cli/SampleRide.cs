using System.Globalization;
using EvMonitor.Client;

namespace EvMonitor.Cli;

/// <summary>
/// A recorded-looking ride in a plain CSV file (<c>samples/drive-and-charge.csv</c>, described in
/// <c>samples/README.md</c>): one snapshot a line, its time as seconds after the first line's, so
/// that it can be replayed at any time.
/// </summary>
public static class SampleRide
{
    public static readonly string[] Columns =
        ["offset_s", "state", "speed_kmh", "odometer_km", "lat", "lng", "gps_acc_m", "soc_pct", "motor_w", "batt_v", "batt_i_charge_a"];

    /// <summary>The sample that ships with the CLI, beside its executable.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "samples", "drive-and-charge.csv");

    /// <summary>The file's snapshots, shifted so that the last one is measured at <paramref name="end"/> (whole seconds).</summary>
    /// <exception cref="InvalidDataException">The file is not in the sample format; the message names the line and column.</exception>
    public static List<TelemetrySnapshot> Read(string path, DateTimeOffset end)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != string.Join(',', Columns))
            throw new InvalidDataException($"{path}: the first line must be the header '{string.Join(',', Columns)}'.");

        var rows = new List<(long Offset, string?[] Cells, int Line)>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
                continue;
            var cells = lines[i].Split(',').Select(c => c.Trim() is { Length: > 0 } v ? v : null).ToArray();
            if (cells.Length != Columns.Length)
                throw new InvalidDataException($"{path} line {i + 1}: {cells.Length} values, the header names {Columns.Length}.");
            var offset = (long)(Number(cells, 0, path, i + 1) ?? throw new InvalidDataException($"{path} line {i + 1}: offset_s is required."));
            if (rows.Count > 0 && offset <= rows[^1].Offset)
                throw new InvalidDataException($"{path} line {i + 1}: offset_s must increase from line to line.");
            rows.Add((offset, cells, i + 1));
        }

        if (rows.Count == 0)
            throw new InvalidDataException($"{path}: no snapshot after the header.");
        var shift = end.ToUnixTimeSeconds() - rows[^1].Offset;
        return [.. rows.Select(r => Snapshot(DateTimeOffset.FromUnixTimeSeconds(shift + r.Offset), r.Cells, path, r.Line))];
    }

    private static TelemetrySnapshot Snapshot(DateTimeOffset time, string?[] cells, string path, int line)
    {
        double? Cell(string column) => Number(cells, Array.IndexOf(Columns, column), path, line);
        var (lat, lng, acc) = (Cell("lat"), Cell("lng"), Cell("gps_acc_m"));
        var (soc, volts, amps, motor) = (Cell("soc_pct"), Cell("batt_v"), Cell("batt_i_charge_a"), Cell("motor_w"));
        if (Cell("state") is { } state && state != Math.Floor(state))
            throw new InvalidDataException($"{path} line {line}: state '{state}' must be a whole number.");
        var snapshot = new TelemetrySnapshot
        {
            Timestamp = time,
            General = new GeneralReadings { State = (int?)Cell("state"), Speed = Cell("speed_kmh"), Odometer = Cell("odometer_km") },
            Gps = lat is not null && lng is not null ? new GpsPosition(lat.Value, lng.Value, acc ?? 0) : null,
        };
        if (motor is not null)
            snapshot.Motors[0] = new MotorReadings { Watt = motor };
        if (soc is not null || volts is not null || amps is not null)
            snapshot.Batteries[0] = new BatteryReadings { Soc = soc, V = volts, ICharge = amps };
        return snapshot;
    }

    private static double? Number(string?[] cells, int column, string path, int line) =>
        cells[column] is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value
        : throw new InvalidDataException($"{path} line {line}: {Columns[column]} '{text}' is not a number.");
}
