using System.Buffers.Binary;
using static EvMonitor.Telemetry.TelemetryField;
using static EvMonitor.Telemetry.TelemetryGroup;

namespace EvMonitor.Telemetry;

/// <summary>
/// Every reading a snapshot may carry, the one list that the push validation
/// (<see cref="Push.PushReader"/>), the snapshot (<see cref="Readings"/>) and its queue form, the
/// table rows (<see cref="TelemetryRows"/>), the snapshots read back (<see cref="SnapshotJson"/>)
/// and the field table of docs/api.md (checked by a test) are made from. A new reading is one line.
/// </summary>
public static class TelemetryFields
{
    private static readonly (int, string)[] OnOff = [(0, "off"), (1, "on")];

    public static readonly IReadOnlyList<TelemetryField> All = Numbered(
    [
        Measure(General, "speed", "Speed", "km/h"),
        Measure(General, "range", "Range", "km"),
        Category(General, "state", "State", "", [(0, "off"), (1, "on"), (10, "charging AC"), (11, "charging DC")], nameColumn: "StateName"),
        Measure(General, "odometer", "Odometer", "km"),
        Measure(General, "watt_100km", "Watt100Km", "mean consumption, Wh per 100 km"),

        Measure(Motor, "watt", "Watt", "real-time power, W"),
        Measure(Motor, "rpm", "Rpm", "rpm"),
        Measure(Motor, "torque", "Torque", "Nm"),
        Measure(Motor, "temp", "Temp", "motor temperature, °C"),
        Measure(Motor, "coolfluid_temp", "CoolfluidTemp", "coolant temperature, °C"),
        Category(Motor, "coolfluid_pump", "CoolfluidPump", "coolant pump", OnOff),

        Measure(Battery, "soc", "Soc", "state of charge, %", 0, 100),
        Measure(Battery, "soc_wh", "SocWh", "state of charge, Wh"),
        Measure(Battery, "v", "V", "pack voltage, V"),
        Measure(Battery, "vmin", "Vmin", "lowest cell voltage, mV"),
        Measure(Battery, "vmax", "Vmax", "highest cell voltage, mV"),
        Measure(Battery, "i", "I", "current while driving, A"),
        Measure(Battery, "i_charge", "ICharge", "current while charging, A"),
        Measure(Battery, "w", "W", "power while driving, W"),
        Measure(Battery, "w_charge", "WCharge", "power while charging, W"),
        Measure(Battery, "i_charge_max", "IChargeMax", "BMS limit for charge current, A"),
        Measure(Battery, "i_discharge_max", "IDischargeMax", "BMS limit for discharge current, A"),
        Measure(Battery, "temp", "Temp", "battery temperature, °C"),
        Measure(Battery, "temp_min", "TempMin", "coldest cell temperature, °C"),
        Measure(Battery, "temp_max", "TempMax", "hottest cell temperature, °C"),
        Measure(Battery, "coolfluid_temp", "CoolfluidTemp", "coolant temperature, °C"),
        Category(Battery, "coolfluid_pump", "CoolfluidPump", "coolant pump", OnOff),
        Measure(Battery, "soh", "Soh", "state of health, %", 0, 100),

        Measure(Gps, "lat", "GpsLat", "latitude, WGS84 degrees", -90, 90, required: true),
        Measure(Gps, "lng", "GpsLng", "longitude, WGS84 degrees", -180, 180, required: true),
        Measure(Gps, "acc", "GpsAcc", "accuracy, m", 0, required: true),
        Measure(Gps, "alt", "GpsAlt", "altitude, m", -100_000, 100_000),
    ]);

    private static readonly TelemetryField[][] ByGroup =
        [.. Enum.GetValues<TelemetryGroup>().Select(group => All.Where(f => f.Group == group).ToArray())];

    private static readonly FieldLookup[] Lookups = [.. ByGroup.Select(fields => new FieldLookup(fields))];

    /// <summary>The group's fields in table order; a field's <see cref="TelemetryField.Position"/> is its place here.</summary>
    public static TelemetryField[] Of(TelemetryGroup group) => ByGroup[(int)group];

    /// <summary>The field of the group with that name, or null.</summary>
    public static TelemetryField? Find(TelemetryGroup group, ReadOnlySpan<char> name) => Lookups[(int)group].Find(name);

    /// <summary>The field of the group with that name, spelled in UTF-8 (as a JSON body has it), or null.</summary>
    public static TelemetryField? Find(TelemetryGroup group, ReadOnlySpan<byte> utf8Name) => Lookups[(int)group].Find(utf8Name);

    /// <exception cref="ArgumentException">The group has no such field.</exception>
    public static TelemetryField Get(TelemetryGroup group, string name) =>
        Find(group, name) ?? throw new ArgumentException($"{group} has no reading named '{name}'.", nameof(name));

    private static TelemetryField[] Numbered(TelemetryField[] fields)
    {
        foreach (var group in fields.GroupBy(f => f.Group))
        {
            var position = 0;
            foreach (var field in group)
                field.Position = position++;
            if (position > Readings.MaxFields)
                throw new InvalidOperationException($"{group.Key} has more than {Readings.MaxFields} readings.");
        }
        return fields;
    }

    /// <summary>
    /// Name to field in a few instructions: keys arrive once per value, so this is on the push's hot
    /// path, where a general dictionary's string hashing would cost more than the rest of the field.
    /// </summary>
    private sealed class FieldLookup
    {
        private readonly TelemetryField?[] _slots = new TelemetryField?[64];
        // The names of _slots' fields in UTF-8, slot for slot: all ASCII, so a name's chars and bytes hash alike.
        private readonly byte[][] _utf8Names = new byte[64][];
        private readonly (int Length, ulong A, ulong B)[] _utf8Keys = new (int, ulong, ulong)[64];

        public FieldLookup(TelemetryField[] fields)
        {
            foreach (var field in fields)
            {
                if (!System.Text.Ascii.IsValid(field.Name))
                    throw new InvalidOperationException($"The reading name '{field.Name}' is not ASCII.");
                var slot = Slot(field.Name);
                while (_slots[slot] is not null)
                    slot = (slot + 1) & (_slots.Length - 1);
                _slots[slot] = field;
                _utf8Names[slot] = System.Text.Encoding.ASCII.GetBytes(field.Name);
                _utf8Keys[slot] = (field.Name.Length, A(_utf8Names[slot]), B(_utf8Names[slot]));
            }
        }

        /// <summary>Compares a name of up to 16 bytes as its length and two numbers, without a call.</summary>
        public TelemetryField? Find(ReadOnlySpan<byte> name)
        {
            if (name.IsEmpty)
                return null;
            var (a, b) = (A(name), B(name));
            for (var slot = Slot(name); _slots[slot] is { } field; slot = (slot + 1) & (_slots.Length - 1))
            {
                var key = _utf8Keys[slot];
                if (key.Length == name.Length && key.A == a && key.B == b && (name.Length <= 16 || name.SequenceEqual(_utf8Names[slot])))
                    return field;
            }
            return null;
        }

        // With the length, A and B hold every byte of a name of up to 16 (the bytes they read overlap).
        private static ulong A(ReadOnlySpan<byte> name) => name.Length switch
        {
            >= 8 => BinaryPrimitives.ReadUInt64LittleEndian(name),
            >= 4 => BinaryPrimitives.ReadUInt32LittleEndian(name),
            _ => name[0] | (ulong)name[name.Length / 2] << 8 | (ulong)name[^1] << 16,
        };

        private static ulong B(ReadOnlySpan<byte> name) => name.Length switch
        {
            >= 8 => BinaryPrimitives.ReadUInt64LittleEndian(name[^8..]),
            >= 4 => BinaryPrimitives.ReadUInt32LittleEndian(name[^4..]),
            _ => 0,
        };

        public TelemetryField? Find(ReadOnlySpan<char> name)
        {
            if (name.IsEmpty)
                return null;
            for (var slot = Slot(name); _slots[slot] is { } field; slot = (slot + 1) & (_slots.Length - 1))
            {
                if (name.SequenceEqual(field.Name))
                    return field;
            }
            return null;
        }

        private int Slot(ReadOnlySpan<char> name) =>
            (int)((uint)(name.Length * 31 + name[0] * 7 + name[name.Length / 2] * 3 + name[^1]) & (uint)(_slots.Length - 1));

        private int Slot(ReadOnlySpan<byte> name) =>
            (int)((uint)(name.Length * 31 + name[0] * 7 + name[name.Length / 2] * 3 + name[^1]) & (uint)(_slots.Length - 1));
    }
}
