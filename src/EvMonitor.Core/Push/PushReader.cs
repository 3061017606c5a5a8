using System.Globalization;
using System.Text.Json;
using EvMonitor.Api;
using EvMonitor.Telemetry;

namespace EvMonitor.Push;

/// <summary>
/// Reads a push body field by field, typing and checking each value as it arrives, so a push is
/// validated in one pass without building an intermediate tree. Every problem is collected with
/// the field it belongs to. A JSON body's snapshots are read in their own shape
/// (<see cref="JsonPushReader"/>), the rest of it as form keys, like every other body.
/// </summary>
public sealed class PushReader : IFieldSink, IJsonBodySink
{
    /// <summary>Error lists stay readable and bounded even for a hostile body.</summary>
    public const int MaxErrors = 100;

    private static readonly long EarliestTimestamp = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    private readonly long _latestTimestamp;
    // In arrival order; a body lists its snapshots in order nearly always, so sorting is then skipped.
    private readonly List<Entry> _arrived = [];
    // Made once the snapshots do not arrive as 0, 1, 2, …: until then a snapshot's index is its place in _arrived.
    private Dictionary<int, Entry>? _byIndex;
    private bool _arrivedInOrder = true;
    // Fields come grouped by snapshot: the previous field's snapshot saves the lookup.
    private Entry? _current;
    // Fields come grouped by component too: the key up to the reading's name ("data[3][general][motor][0][")
    // and the readings it leads to, kept from the previous reading, save reading that part again.
    // Such a part is some 30 characters; a longer one is not kept.
    private readonly char[] _readingsKey = new char[64];
    private int _readingsKeyLength;
    private Readings? _readings;
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
        // Kept sorted by index; a snapshot has a handful of components, so a list beats a dictionary.
        public List<Component>? Motors;
        public List<Component>? Batteries;
    }

    public void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        if (_readings is not null && key.Length > _readingsKeyLength + 1 && key.StartsWith(_readingsKey.AsSpan(0, _readingsKeyLength))
            // No reading's name has a bracket: a name found means the key is the kept part, the name and ']'.
            && key[^1] == ']' && TelemetryFields.Find(_readings.Group, key[_readingsKeyLength..^1]) is { } known)
        {
            Read(_readings, known, key, value);
            return;
        }
        var open = Find(key, '[');
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
                else if (TextRules.HasControlCharacter(value))
                    Error("user-agent", TextRules.ControlCharacterError);
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
                AddComponent(fullKey, path, value, ref entry.Motors, TelemetryGroup.Motor);
                return;
            case "batt":
                AddComponent(fullKey, path, value, ref entry.Batteries, TelemetryGroup.Battery);
                return;
            case "gps":
                AddGps(snapshot, fullKey, path, value);
                return;
        }
        if (TelemetryFields.Find(TelemetryGroup.General, name) is not { } field)
            return; // unknown fields are ignored
        if (!path.IsEmpty)
        {
            Error(Prefix(fullKey, path), NotANumber(field));
            return;
        }
        ReadAndKeep(snapshot.General, field, fullKey, value);
    }

    private void AddComponent(ReadOnlySpan<char> fullKey, ReadOnlySpan<char> path, ReadOnlySpan<char> value, ref List<Component>? components, TelemetryGroup group)
    {
        var what = group == TelemetryGroup.Motor ? "motor" : "battery";
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
        // Unknown keys are ignored and do not create a component on their own.
        if (TelemetryFields.Find(group, name) is not { } field)
            return;
        if (!path.IsEmpty)
        {
            Error(Prefix(fullKey, path), NotANumber(field));
            return;
        }
        ReadAndKeep(ComponentOf(ref components, group, index), field, fullKey, value);
    }

    private static Component ComponentOf(ref List<Component>? components, TelemetryGroup group, int index)
    {
        var at = components?.Count ?? 0;
        while (at > 0 && components![at - 1].Index > index)
            at--;
        if (at > 0 && components![at - 1].Index == index)
            return components[at - 1];
        var component = new Component(group, index);
        (components ??= new List<Component>(2)).Insert(at, component);
        return component;
    }

    private void AddGps(Snapshot snapshot, ReadOnlySpan<char> fullKey, ReadOnlySpan<char> path, ReadOnlySpan<char> value)
    {
        if (!NextSegment(ref path, out var name))
        {
            Error(fullKey, "must be an object with lat, lng and acc");
            return;
        }
        if (TelemetryFields.Find(TelemetryGroup.Gps, name) is not { } field)
            return;
        if (!path.IsEmpty)
        {
            Error(Prefix(fullKey, path), NotANumber(field));
            return;
        }
        ReadAndKeep(snapshot.Gps ??= new Readings(TelemetryGroup.Gps), field, fullKey, value);
    }

    private Entry? GetEntry(int index)
    {
        if (_current?.Index == index)
            return _current;
        var entry = _byIndex is null ? (index < _arrived.Count ? _arrived[index] : null) : _byIndex.GetValueOrDefault(index);
        if (entry is not null)
            return _current = entry;
        if (_arrived.Count >= ApiLimits.MaxSnapshotsPerPush)
        {
            TooManySnapshots = true;
            return null;
        }
        entry = new Entry(index);
        if (_byIndex is null && index != _arrived.Count)
            _byIndex = _arrived.ToDictionary(e => e.Index);
        _byIndex?.Add(index, entry);
        if (_arrived.Count > 0 && _arrived[^1].Index > index)
            _arrivedInOrder = false;
        _arrived.Add(entry);
        return _current = entry;
    }

    // ---- values ----

    /// <summary>Reads the value of <paramref name="key"/>, <c>…[name]</c>, and keeps the key's part before the name for the next field.</summary>
    private void ReadAndKeep(Readings readings, TelemetryField field, ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        var kept = key[..^(field.Name.Length + 1)];
        if (kept.TryCopyTo(_readingsKey))
        {
            _readingsKeyLength = kept.Length;
            _readings = readings;
        }
        Read(readings, field, key, value);
    }

    /// <summary>
    /// Types and checks one reading and stores it; an invalid one is stored as NaN, so the snapshot
    /// knows it was sent (and does not also call it missing) while its error is listed.
    /// </summary>
    private void Read(Readings readings, TelemetryField field, ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        if (Parse(field, value, out var number) is { } problem)
        {
            Error(key, problem);
            number = double.NaN;
        }
        readings[field] = number;
    }

    /// <summary>Types and checks one reading: returns why it is refused, or null.</summary>
    internal static string? Parse(TelemetryField field, ReadOnlySpan<char> value, out double number)
    {
        value = value.Trim();
        string? problem;
        if (field.Measured)
        {
            problem = TryParsePlainDecimal(value, out number)
                || (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number))
                ? null
                : "must be a number";
        }
        else
        {
            problem = ParseInt(value, out var whole);
            number = whole;
        }
        return problem ?? (field.Allows(number) ? null : field.RangeError);
    }

    private static string NotANumber(TelemetryField field) => field.Measured ? "must be a number" : "must be an integer";

    /// <summary>Returns why <paramref name="value"/> is not an int, or null. "87.0" and "8.7e1" are integers written as decimals.</summary>
    private static string? ParseInt(ReadOnlySpan<char> value, out int number)
    {
        if (TryParsePlain(value, 9, out var plain))
        {
            number = (int)plain;
            return null;
        }
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

    /// <summary>
    /// An optional sign and at most <paramref name="maxDigits"/> digits, which cannot overflow: what
    /// apps send, read without the general parser. Anything else is left to it.
    /// </summary>
    private static bool TryParsePlain(ReadOnlySpan<char> value, int maxDigits, out long number)
    {
        number = 0;
        var negative = false;
        if (!value.IsEmpty && value[0] is '-' or '+')
        {
            negative = value[0] == '-';
            value = value[1..];
        }
        if (value.IsEmpty || value.Length > maxDigits)
            return false;
        foreach (var c in value)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
                return false;
            number = number * 10 + digit;
        }
        if (negative)
            number = -number;
        return true;
    }

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// "44.6471" or "4.12376E+4": an optional sign, digits, an optional point with digits, 15 digits
    /// in all at most, and an optional exponent that leaves a power of ten up to 10^22. Such a
    /// number and its power of ten are both exact doubles, and one IEEE multiplication or division
    /// of exact values is correctly rounded, so the result is the general parser's to the last bit
    /// (Clinger's fast path). Anything else is left to the general parser.
    /// </summary>
    private static bool TryParsePlainDecimal(ReadOnlySpan<char> value, out double number)
    {
        number = 0;
        var negative = false;
        if (!value.IsEmpty && value[0] is '-' or '+')
        {
            negative = value[0] == '-';
            value = value[1..];
        }
        long digits = 0;
        int count = 0, fraction = -1, i = 0;
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '.' && fraction < 0)
            {
                fraction = 0;
                continue;
            }
            var digit = (uint)(c - '0');
            if (digit > 9)
                break;
            if (++count > 15)
                return false;
            digits = digits * 10 + digit;
            if (fraction >= 0)
                fraction++;
        }
        if (count == 0 || fraction == 0)
            return false;
        var scale = -Math.Max(fraction, 0);
        if (i < value.Length && !TryAddExponent(value[i..], ref scale))
            return false;
        if (scale > PowersOfTen.Length - 1 || scale < -(PowersOfTen.Length - 1))
            return false;
        number = scale >= 0 ? digits * PowersOfTen[scale] : digits / PowersOfTen[-scale];
        if (negative)
            number = -number;
        return true;
    }

    /// <summary>Adds an exponent, "e+4" or "E-3" with at most 3 digits, to <paramref name="scale"/>.</summary>
    private static bool TryAddExponent(ReadOnlySpan<char> exponent, ref int scale)
    {
        if (exponent.Length < 2 || exponent[0] is not ('e' or 'E'))
            return false;
        exponent = exponent[1..];
        var negative = exponent[0] == '-';
        if (exponent[0] is '-' or '+')
            exponent = exponent[1..];
        if (exponent.IsEmpty || exponent.Length > 3)
            return false;
        var value = 0;
        foreach (var c in exponent)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
                return false;
            value = value * 10 + (int)digit;
        }
        scale += negative ? -value : value;
        return true;
    }

    private long ReadTimestamp(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        if (ParseTimestamp(value, out var seconds) is not { } problem)
            return seconds;
        Error(key, problem);
        return long.MinValue;
    }

    /// <summary>Returns why <paramref name="value"/> is not a timestamp this push may carry, or null.</summary>
    private string? ParseTimestamp(ReadOnlySpan<char> value, out long seconds)
    {
        if (!UnixTime.TryParse(value, out seconds))
            return UnixTime.FormatError;
        if (seconds > _latestTimestamp)
        {
            var asMilliseconds = seconds / 1000;
            return asMilliseconds >= EarliestTimestamp && asMilliseconds <= _latestTimestamp
                ? "is in the future; it looks like milliseconds, send whole seconds"
                : "must not be more than 5 minutes in the future";
        }
        return seconds < EarliestTimestamp ? "must not be before 2000-01-01T00:00:00Z" : null;
    }

    // ---- values read from a JSON body in its own shape (JsonPushReader) ----

    bool IJsonBodySink.TryReadRootProperty(ref Utf8JsonReader reader, JsonFlattener flattener, out ApiResult? problem) =>
        JsonPushReader.TryReadRootProperty(ref reader, flattener, this, out problem);

    /// <summary>
    /// The readings of snapshot <paramref name="snapshot"/> in <paramref name="group"/> (of its motor
    /// or battery <paramref name="component"/>), made when a valid reading (see <see cref="Parse"/>)
    /// arrives for them; null when the push names too many snapshots, as <see cref="Add"/> then
    /// drops the reading. An invalid one is handed to <see cref="Add"/> with its key instead, whose
    /// error names it.
    /// </summary>
    internal Readings? ReadingsOf(int snapshot, TelemetryGroup group, int component)
    {
        if (GetEntry(snapshot) is not { } entry)
            return null;
        return group switch
        {
            TelemetryGroup.General => entry.Snapshot.General,
            TelemetryGroup.Gps => entry.Snapshot.Gps ??= new Readings(TelemetryGroup.Gps),
            TelemetryGroup.Motor => ComponentOf(ref entry.Motors, TelemetryGroup.Motor, component),
            _ => ComponentOf(ref entry.Batteries, TelemetryGroup.Battery, component),
        };
    }

    /// <summary>
    /// Stores the timestamp of snapshot <paramref name="snapshot"/> and returns true when it is
    /// valid; otherwise returns false, storing nothing, and the caller hands it to <see cref="Add"/>.
    /// </summary>
    internal bool TryStoreTimestamp(int snapshot, ReadOnlySpan<char> value)
    {
        if (ParseTimestamp(value, out var seconds) is not null)
            return false;
        GetEntry(snapshot)?.Snapshot.Timestamp = seconds;
        return true;
    }

    // ---- keys ----

    /// <summary>Takes "[segment]" off the front of <paramref name="path"/>.</summary>
    private static bool NextSegment(ref ReadOnlySpan<char> path, out ReadOnlySpan<char> segment)
    {
        segment = default;
        if (path.Length < 2 || path[0] != '[')
            return false;
        var close = Find(path, ']');
        if (close < 0)
            return false;
        segment = path[1..close];
        path = path[(close + 1)..];
        return true;
    }

    /// <summary>Keys and their segments are a few characters long: a plain loop beats a vectorized search's set-up.</summary>
    private static int Find(ReadOnlySpan<char> text, char c)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == c)
                return i;
        }
        return -1;
    }

    internal static bool TryIndex(ReadOnlySpan<char> text, int max, out int index)
    {
        index = 0;
        if (text.IsEmpty || text.Length > 10)
            return false;
        long value = 0;
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
                return false;
            value = value * 10 + (c - '0');
        }
        if (value > max)
            return false;
        index = (int)value;
        return true;
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
        if (_arrived.Count == 0 && !HasErrorStartingWith("data"))
            Error("data", "is required: at least one snapshot with a timestamp (data[0][timestamp]=…)");

        if (!_arrivedInOrder)
        {
            _arrived.Sort(static (a, b) => a.Index.CompareTo(b.Index));
            _arrivedInOrder = true;
        }
        var snapshots = new List<Snapshot>(_arrived.Count);
        foreach (var entry in _arrived)
        {
            var s = entry.Snapshot;
            // Field names are only spelled out for a problem to report.
            if (s.Timestamp == long.MinValue && Field(entry, "[timestamp]") is var timestamp && !HasErrorStartingWith(timestamp))
                Error(timestamp, "is required");
            if (s.Gps is { } gps)
                CheckGps(gps, entry);
            if (entry.Motors is not null)
                s.Motors = entry.Motors;
            if (entry.Batteries is not null)
                s.Batteries = entry.Batteries;
            snapshots.Add(s);
        }
        if (_errorCount > 0)
            return ([], _errors);
        if (!HasRepeatedTimestamp(snapshots))
            return (snapshots, _errors);
        // One snapshot per timestamp: of two in one push, the higher index is the reading the app meant.
        return (snapshots.GroupBy(s => s.Timestamp).Select(g => g.Last()).ToList(), _errors);
    }

    /// <summary>Apps send their snapshots in time order, which settles it without a set.</summary>
    private static bool HasRepeatedTimestamp(List<Snapshot> snapshots)
    {
        var ascending = true;
        for (var i = 1; i < snapshots.Count && ascending; i++)
            ascending = snapshots[i - 1].Timestamp < snapshots[i].Timestamp;
        if (ascending)
            return false;
        var seen = new HashSet<long>();
        foreach (var snapshot in snapshots)
        {
            if (!seen.Add(snapshot.Timestamp))
                return true;
        }
        return false;
    }

    private static string Field(Entry entry, string rest) => $"data[{entry.Index}]{rest}";

    private bool HasErrorStartingWith(string prefix)
    {
        foreach (var error in _errors)
        {
            if (error.Field.StartsWith(prefix, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private void CheckGps(Readings gps, Entry entry)
    {
        foreach (var field in TelemetryFields.Of(TelemetryGroup.Gps))
        {
            if (field.Required && gps[field] is null)
                Error(Field(entry, $"[general][gps][{field.Name}]"), "is required when gps is sent");
        }
    }
}
