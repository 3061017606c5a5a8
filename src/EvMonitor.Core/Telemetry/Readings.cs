namespace EvMonitor.Telemetry;

/// <summary>
/// The readings of one group (<see cref="TelemetryFields.Of"/>) that a snapshot carries, by field;
/// a reading not sent is null. Whole numbers and decimals alike are doubles, which hold every
/// value a client prints from its own numbers exactly.
/// </summary>
public class Readings(TelemetryGroup group)
{
    /// <summary>Which readings were sent is one bit each.</summary>
    public const int MaxFields = 64;

    private readonly double[] _values = new double[TelemetryFields.Of(group).Length];
    private ulong _sent;

    public TelemetryGroup Group { get; } = group;

    public bool IsEmpty => _sent == 0;

    public double? this[TelemetryField field]
    {
        get => (_sent & (1UL << field.Position)) != 0 ? _values[field.Position] : null;
        set
        {
            if (value is { } number)
            {
                _values[field.Position] = number;
                _sent |= 1UL << field.Position;
            }
            else
            {
                _sent &= ~(1UL << field.Position);
            }
        }
    }

    /// <exception cref="ArgumentException">The group has no reading of that name.</exception>
    public double? this[string name]
    {
        get => this[TelemetryFields.Get(Group, name)];
        set => this[TelemetryFields.Get(Group, name)] = value;
    }
}

/// <summary>The readings of one motor or battery, identified by its index (0–255).</summary>
public sealed class Component(TelemetryGroup group, int index) : Readings(group)
{
    public int Index { get; set; } = index;
}
