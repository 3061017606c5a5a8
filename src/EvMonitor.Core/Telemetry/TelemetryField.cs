using System.Globalization;

namespace EvMonitor.Telemetry;

/// <summary>
/// One reading of the push contract (a line of <see cref="TelemetryFields.All"/>). A measured
/// reading is any finite number within <see cref="Min"/>…<see cref="Max"/>; a categorical one is a
/// whole number from <see cref="Values"/>.
/// </summary>
public sealed class TelemetryField
{
    private TelemetryField(TelemetryGroup group, string name, string column, string unit)
    {
        Group = group;
        Name = name;
        Column = column;
        Unit = unit;
    }

    public TelemetryGroup Group { get; }

    /// <summary>The key in the push (<c>general[batt][b][soc]</c>) and in the snapshots read back.</summary>
    public string Name { get; }

    /// <summary>The column of the <c>telemetry</c> table row (see <see cref="TelemetryRows"/>).</summary>
    public string Column { get; }

    public string Unit { get; }

    public bool Measured { get; private init; }

    public double Min { get; private init; } = double.NegativeInfinity;

    public double Max { get; private init; } = double.PositiveInfinity;

    /// <summary>A categorical reading's values, each with what it means.</summary>
    public IReadOnlyList<(int Value, string Meaning)> Values { get; private init; } = [];

    /// <summary>A categorical reading also stored (and read back as <c>{name}_name</c>) by the name of its value.</summary>
    public string? NameColumn { get; private init; }

    /// <summary>Required in its group once the group is sent (latitude, longitude and accuracy of <c>gps</c>).</summary>
    public bool Required { get; private init; }

    /// <summary>Position within its group, from 0.</summary>
    public int Position { get; internal set; }

    /// <summary>What the validation says when a value is outside the field's range or values.</summary>
    public string RangeError { get; private init; } = "";

    public static TelemetryField Measure(TelemetryGroup group, string name, string column, string unit,
        double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool required = false) => new(group, name, column, unit)
    {
        Measured = true,
        Min = min,
        Max = max,
        Required = required,
        RangeError = (min, max) switch
        {
            (0, 100) => "must be a percentage from 0 to 100",
            (0, double.PositiveInfinity) => "must not be negative",
            _ => $"must be from {Text(min)} to {Text(max)}",
        },
    };

    public static TelemetryField Category(TelemetryGroup group, string name, string column, string unit,
        (int Value, string Meaning)[] values, string? nameColumn = null) => new(group, name, column, unit)
    {
        Values = values,
        NameColumn = nameColumn,
        RangeError = "must be " + string.Join(", ", values[..^1].Select(Spelled)) + " or " + Spelled(values[^1]),
    };

    /// <summary>True when <paramref name="value"/> is within the range, or one of the values.</summary>
    public bool Allows(double value)
    {
        if (Measured)
            return value >= Min && value <= Max;
        foreach (var (allowed, _) in Values)
        {
            if (allowed == value)
                return true;
        }
        return false;
    }

    /// <summary>The name stored in <see cref="NameColumn"/> for a value: its meaning in snake case (<c>charging_ac</c>).</summary>
    public string? NameOf(double value)
    {
        foreach (var (allowed, meaning) in Values)
        {
            if (allowed == value)
                return meaning.Replace(' ', '_').ToLowerInvariant();
        }
        return null;
    }

    private static string Spelled((int Value, string Meaning) value) => $"{value.Value} ({value.Meaning})";

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
