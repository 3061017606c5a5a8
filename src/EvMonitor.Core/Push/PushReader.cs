using System.Globalization;
using EvMonitor.Api;
using EvMonitor.Telemetry;

namespace EvMonitor.Push;

/// <summary>
/// Reads a push body field by field, typing and checking each value as it arrives, so a push is
/// validated in one pass without building an intermediate tree. Every problem is collected with
/// the field it belongs to.
/// </summary>
public sealed class PushReader : IFieldSink
{
    /// <summary>Error lists stay readable and bounded even for a hostile body.</summary>
    public const int MaxErrors = 100;

    private static readonly long EarliestTimestamp = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    private readonly long _latestTimestamp;
    private readonly Dictionary<int, Entry> _snapshots = [];
    private readonly List<FieldError> _errors = [];
    private int _errorCount;

    public PushReader(DateTimeOffset now)
    {
        _latestTimestamp = (now + AllowedClockSkew).ToUnixTimeSeconds();
    }

    public string? Token { get; private set; }
    public string? VehicleId { get; private set; }
    public string? UserAgent { get; private set; }

    /// <summary>True once the body names more than <see cref="ApiLimits.MaxSnapshotsPerPush"/> snapshots.</summary>
    public bool TooManySnapshots { get; private set; }

    public int ErrorCount => _errorCount;

    private sealed class Entry(int index)
    {
        public readonly int Index = index;
        public readonly Snapshot Snapshot = new() { Timestamp = long.MinValue };
        public Dictionary<int, Motor>? Motors;
        public Dictionary<int, Battery>? Batteries;
    }

    public void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        var open = key.IndexOf('[');
        if (open < 0)
        {
            AddTopLevel(key, value);
            return;
        }
        if (!key[..open].SequenceEqual("data"))
            return; // unknown fields are ignored
        AddData(key, key[open..], value);
    }

    private void AddTopLevel(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        switch (key)
        {
            case "token":
                Token = value.ToString();
                break;
            case "vehicle_id":
                VehicleId = value.ToString();
                break;
            case "user-agent":
                if (value.Length > ApiLimits.MaxUserAgentLength)
                    Error("user-agent", $"must be at most {ApiLimits.MaxUserAgentLength} characters");
                else
                    UserAgent = value.ToString();
                break;
            case "data":
                Error("data", "must be a list of snapshots (data[0][timestamp]=…)");
                break;
        }
    }

    private void AddData(ReadOnlySpan<char> fullKey, ReadOnlySpan<char> path, ReadOnlySpan<char> value)
    {
        // path is "[i][timestamp]" or "[i][general][…]"
        if (!NextSegment(ref path, out var indexText))
            return;
        if (!TryIndex(indexText, int.MaxValue, out var index))
        {
            Error(fullKey, "snapshot index must be a whole number from 0 to 2147483647");
            return;
        }
        var entry = GetEntry(index);
        if (entry is null)
            return;

        if (!NextSegment(ref path, out var section))
        {
            Error(fullKey, "must be a snapshot with a timestamp (data[i][timestamp])");
            return;
        }
        switch (section)
        {
            case "timestamp":
                if (!path.IsEmpty)
                    Error(fullKey, "timestamp must be a single value");
                else
                    entry.Snapshot.Timestamp = ReadTimestamp(fullKey, value);
                return;
            case "general":
                AddGeneral(entry, fullKey, path, value);
                return;
        }
    }

    private void AddGeneral(Entry entry, ReadOnlySpan<char> fullKey, ReadOnlySpan<char> path, ReadOnlySpan<char> value)
    {
        if (!NextSegment(ref path, out var name))
        {
            Error(fullKey, "must be an object of readings (data[i][general][speed]=…)");
            return;
        }
        var snapshot = entry.Snapshot;
        switch (name)
        {
            case "motor":
                AddComponent(fullKey, path, value, ref entry.Motors, static i => new Motor { Index = i }, SetMotorField, "motor");
                return;
            case "batt":
                AddComponent(fullKey, path, value, ref entry.Batteries, static i => new Battery { Index = i }, SetBatteryField, "battery");
                return;
            case "gps":
                AddGps(snapshot, fullKey, path, value);
                return;
        }
        if (!IsKnownGeneralField(name))
            return;
        if (!path.IsEmpty)
        {
            Error(Prefix(fullKey, path), "must be an integer");
            return;
        }
        switch (name)
        {
            case "speed": snapshot.Speed = ReadInt(fullKey, value); break;
            case "range": snapshot.Range = ReadInt(fullKey, value); break;
            case "state": snapshot.State = ReadInt(fullKey, value, Rules.State); break;
            case "odometer": snapshot.Odometer = ReadInt(fullKey, value); break;
            case "watt_100km": snapshot.Watt100Km = ReadInt(fullKey, value); break;
        }
    }

    private static bool IsKnownGeneralField(ReadOnlySpan<char> name) =>
        name is "speed" or "range" or "state" or "odometer" or "watt_100km";

    private delegate bool FieldSetter<T>(PushReader reader, T component, ReadOnlySpan<char> name, ReadOnlySpan<char> fullKey, ReadOnlySpan<char> value);

    private void AddComponent<T>(
        ReadOnlySpan<char> fullKey, ReadOnlySpan<char> path, ReadOnlySpan<char> value,
        ref Dictionary<int, T>? components, Func<int, T> create, FieldSetter<T> set, string what)
    {
        if (!NextSegment(ref path, out var indexText))
        {
            Error(fullKey, $"must be a list of {what} readings indexed 0–255");
            return;
        }
        if (!TryIndex(indexText, ApiLimits.MaxComponentIndex, out var index))
        {
            Error(Prefix(fullKey, path), "index must be a whole number from 0 to 255");
            return;
        }
        if (!NextSegment(ref path, out var name))
        {
            Error(fullKey, $"must be an object of {what} readings");
            return;
        }
        if (!path.IsEmpty)
        {
            Error(Prefix(fullKey, path), "must be an integer");
            return;
        }
        T? component = default;
        var isNew = components is null || !components.TryGetValue(index, out component);
        if (isNew)
            component = create(index);
        // Unknown keys are ignored and do not create a component on their own.
        if (set(this, component!, name, fullKey, value) && isNew)
            (components ??= [])[index] = component!;
    }

    private static bool SetMotorField(PushReader r, Motor m, ReadOnlySpan<char> name, ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        switch (name)
        {
            case "watt": m.Watt = r.ReadInt(key, value); return true;
            case "rpm": m.Rpm = r.ReadInt(key, value); return true;
            case "torque": m.Torque = r.ReadInt(key, value); return true;
            case "temp": m.Temp = r.ReadInt(key, value); return true;
            case "coolfluid_temp": m.CoolfluidTemp = r.ReadInt(key, value); return true;
            case "coolfluid_pump": m.CoolfluidPump = r.ReadInt(key, value, Rules.OnOff); return true;
            default: return false;
        }
    }

    private static bool SetBatteryField(PushReader r, Battery b, ReadOnlySpan<char> name, ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        switch (name)
        {
            case "soc": b.Soc = r.ReadInt(key, value, Rules.Percent); return true;
            case "soc_wh": b.SocWh = r.ReadInt(key, value); return true;
            case "v": b.V = r.ReadInt(key, value); return true;
            case "vmin": b.Vmin = r.ReadInt(key, value); return true;
            case "vmax": b.Vmax = r.ReadInt(key, value); return true;
            case "i": b.I = r.ReadInt(key, value); return true;
            case "i_charge": b.ICharge = r.ReadInt(key, value); return true;
            case "w": b.W = r.ReadInt(key, value); return true;
            case "w_charge": b.WCharge = r.ReadInt(key, value); return true;
            case "i_charge_max": b.IChargeMax = r.ReadInt(key, value); return true;
            case "i_discharge_max": b.IDischargeMax = r.ReadInt(key, value); return true;
            case "temp": b.Temp = r.ReadInt(key, value); return true;
            case "temp_min": b.TempMin = r.ReadInt(key, value); return true;
            case "temp_max": b.TempMax = r.ReadInt(key, value); return true;
            case "coolfluid_temp": b.CoolfluidTemp = r.ReadInt(key, value); return true;
            case "coolfluid_pump": b.CoolfluidPump = r.ReadInt(key, value, Rules.OnOff); return true;
            case "soh": b.Soh = r.ReadInt(key, value, Rules.Percent); return true;
            default: return false;
        }
    }

    private void AddGps(Snapshot snapshot, ReadOnlySpan<char> fullKey, ReadOnlySpan<char> path, ReadOnlySpan<char> value)
    {
        if (!NextSegment(ref path, out var name))
        {
            Error(fullKey, "must be an object with lat, lng and acc");
            return;
        }
        if (name is not ("lat" or "lng" or "acc" or "alt"))
            return;
        if (!path.IsEmpty)
        {
            Error(Prefix(fullKey, path), "must be a number");
            return;
        }
        var gps = snapshot.Gps ??= new Gps();
        switch (name)
        {
            case "lat": gps.Lat = ReadDecimal(fullKey, value, -90, 90) ?? double.NaN; break;
            case "lng": gps.Lng = ReadDecimal(fullKey, value, -180, 180) ?? double.NaN; break;
            case "acc": gps.Acc = ReadInt(fullKey, value, Rules.NonNegative) ?? int.MinValue; break;
            case "alt": gps.Alt = ReadDecimal(fullKey, value, -100_000, 100_000) ?? double.NaN; break;
        }
    }

    private Entry? GetEntry(int index)
    {
        if (_snapshots.TryGetValue(index, out var entry))
            return entry;
        if (_snapshots.Count >= ApiLimits.MaxSnapshotsPerPush)
        {
            TooManySnapshots = true;
            return null;
        }
        entry = new Entry(index);
        _snapshots.Add(index, entry);
        return entry;
    }

    // ---- values ----

    private enum Rules { Any, State, OnOff, Percent, NonNegative }

    private int? ReadInt(ReadOnlySpan<char> key, ReadOnlySpan<char> value, Rules rules = Rules.Any)
    {
        var problem = ParseInt(value.Trim(), out var number) ?? rules switch
        {
            Rules.State when number is not (0 or 1 or 10 or 11) => "must be 0 (off), 1 (on), 10 (charging AC) or 11 (charging DC)",
            Rules.OnOff when number is not (0 or 1) => "must be 0 (off) or 1 (on)",
            Rules.Percent when number is < 0 or > 100 => "must be a percentage from 0 to 100",
            Rules.NonNegative when number < 0 => "must not be negative",
            _ => null,
        };
        if (problem is null)
            return number;
        Error(key, problem);
        return null;
    }

    /// <summary>Returns why <paramref name="value"/> is not an int, or null. "87.0" and "8.7e1" are integers written as decimals.</summary>
    private static string? ParseInt(ReadOnlySpan<char> value, out int number)
    {
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
            return null;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
            return "must be an integer";
        if (d != Math.Floor(d))
            return "must be an integer, without a fractional part";
        if (d < int.MinValue || d > int.MaxValue)
            return "must be an integer from -2147483648 to 2147483647";
        number = (int)d;
        return null;
    }

    private double? ReadDecimal(ReadOnlySpan<char> key, ReadOnlySpan<char> value, double min, double max)
    {
        if (!double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            Error(key, "must be a number");
            return null;
        }
        if (number < min || number > max)
        {
            Error(key, $"must be from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return number;
    }

    private long ReadTimestamp(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        value = value.Trim();
        long seconds;
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            seconds = number;
        }
        else if (LooksLikeIsoWithOffset(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            seconds = instant.ToUnixTimeSeconds();
        }
        else
        {
            Error(key, "must be Unix time in whole seconds or an ISO-8601 date and time with an offset (2024-11-25T16:00:00Z)");
            return long.MinValue;
        }

        if (seconds > _latestTimestamp)
        {
            var asMilliseconds = seconds / 1000;
            Error(key, asMilliseconds >= EarliestTimestamp && asMilliseconds <= _latestTimestamp
                ? "is in the future; it looks like milliseconds, send whole seconds"
                : "must not be more than 5 minutes in the future");
            return long.MinValue;
        }
        if (seconds < EarliestTimestamp)
        {
            Error(key, "must not be before 2000-01-01T00:00:00Z");
            return long.MinValue;
        }
        return seconds;
    }

    private static bool LooksLikeIsoWithOffset(ReadOnlySpan<char> value)
    {
        var t = value.IndexOfAny('T', 't');
        if (t < 0)
            return false;
        var time = value[t..];
        return time.EndsWith("Z") || time.EndsWith("z") || time.IndexOfAny('+', '-') >= 0;
    }

    // ---- keys ----

    /// <summary>Takes "[segment]" off the front of <paramref name="path"/>.</summary>
    private static bool NextSegment(ref ReadOnlySpan<char> path, out ReadOnlySpan<char> segment)
    {
        segment = default;
        if (path.Length < 2 || path[0] != '[')
            return false;
        var close = path.IndexOf(']');
        if (close < 0)
            return false;
        segment = path[1..close];
        path = path[(close + 1)..];
        return true;
    }

    private static bool TryIndex(ReadOnlySpan<char> text, int max, out int index)
    {
        index = 0;
        if (text.IsEmpty || text.Length > 10)
            return false;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
                return false;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index <= max;
    }

    /// <summary>The part of a key before <paramref name="rest"/>: the field an over-long key belongs to.</summary>
    private static ReadOnlySpan<char> Prefix(ReadOnlySpan<char> fullKey, ReadOnlySpan<char> rest) => fullKey[..^rest.Length];

    private void Error(ReadOnlySpan<char> field, string error)
    {
        _errorCount++;
        if (_errors.Count < MaxErrors)
            _errors.Add(new FieldError(field.ToString(), error));
    }

    /// <summary>Checks what only the whole body can tell, then returns the snapshots in index order, or every problem found.</summary>
    public (IReadOnlyList<Snapshot> Snapshots, IReadOnlyList<FieldError> Errors) Complete()
    {
        if (string.IsNullOrEmpty(VehicleId))
            Error("vehicle_id", "is required");
        else if (VehicleId.Length > ApiLimits.MaxFieldLength)
            Error("vehicle_id", $"must be at most {ApiLimits.MaxFieldLength} characters");
        if (_snapshots.Count == 0 && !_errors.Any(e => e.Field.StartsWith("data", StringComparison.Ordinal)))
            Error("data", "is required: at least one snapshot with a timestamp (data[0][timestamp]=…)");

        var snapshots = new List<Snapshot>(_snapshots.Count);
        foreach (var entry in _snapshots.Values.OrderBy(e => e.Index))
        {
            var s = entry.Snapshot;
            var prefix = $"data[{entry.Index}]";
            if (s.Timestamp == long.MinValue && !_errors.Any(e => e.Field.StartsWith(prefix + "[timestamp]", StringComparison.Ordinal)))
                Error(prefix + "[timestamp]", "is required");
            if (s.Gps is { } gps)
                CheckGps(gps, prefix + "[general][gps]");
            if (entry.Motors is not null)
                s.Motors = [.. entry.Motors.Values.OrderBy(m => m.Index)];
            if (entry.Batteries is not null)
                s.Batteries = [.. entry.Batteries.Values.OrderBy(b => b.Index)];
            snapshots.Add(s);
        }
        if (_errorCount > 0)
            return ([], _errors);
        // One snapshot per timestamp: of two in one push, the higher index is the reading the app meant.
        return (snapshots.GroupBy(s => s.Timestamp).Select(g => g.Last()).ToList(), _errors);
    }

    private void CheckGps(Gps gps, string prefix)
    {
        // NaN / MinValue mark a value that was sent but invalid: that error is already listed.
        if (gps.Lat is null) Error(prefix + "[lat]", "is required when gps is sent");
        if (gps.Lng is null) Error(prefix + "[lng]", "is required when gps is sent");
        if (gps.Acc is null) Error(prefix + "[acc]", "is required when gps is sent");
    }
}
