using System.Text.Json;
using EvMonitor.Api;
using EvMonitor.Telemetry;

namespace EvMonitor.Push;

/// <summary>
/// Reads the <c>data</c> of a JSON push in the contract's shape straight into a
/// <see cref="PushReader"/>: names are matched as UTF-8 bytes against the field table and numbers
/// handed over as written, without spelling out a form key per value. Whatever it does not expect
/// (a string or <c>true</c> for a reading, an unknown, escaped or bracketed name, an index out of
/// range, an invalid value) is left to the <see cref="JsonFlattener"/> where it occurs, which spells
/// its form key for <see cref="PushReader.Add"/> as for any other body. So both roads accept the
/// same bodies, name the same fields in the same errors and count the same key characters against
/// the body's budget.
/// </summary>
internal static class JsonPushReader
{
    /// <summary>Longer numbers are rare enough to take the flattener's road.</summary>
    private const int MaxNumberLength = 32;

    private static ReadOnlySpan<byte> Data => "data"u8;

    public static bool TryReadRootProperty(ref Utf8JsonReader reader, JsonFlattener flattener, PushReader push, out ApiResult? problem)
    {
        problem = null;
        if (reader.ValueIsEscaped || !reader.ValueSpan.SequenceEqual(Data))
            return false;
        var value = reader;
        value.Read();
        if (value.TokenType is not (JsonTokenType.StartArray or JsonTokenType.StartObject))
            return false;
        reader = value;
        flattener.Append(Data, bracketed: false);
        problem = ReadList(ref reader, flattener, push, snapshot: -1, TelemetryGroup.General);
        return true;
    }

    /// <summary>
    /// Reads a list of snapshots (<paramref name="snapshot"/> is -1) or of the snapshot's motors or
    /// batteries (<paramref name="group"/>), as an array or as an object of indexes.
    /// </summary>
    private static ApiResult? ReadList(ref Utf8JsonReader reader, JsonFlattener flattener, PushReader push, int snapshot, TelemetryGroup group)
    {
        var max = snapshot < 0 ? int.MaxValue : ApiLimits.MaxComponentIndex;
        var length = flattener.KeyLength;
        ApiResult? problem;
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
            {
                problem = flattener.AppendIndex(index)
                    ?? (index <= max && reader.TokenType == JsonTokenType.StartObject
                        ? ReadElement(ref reader, flattener, push, snapshot, group, index)
                        : flattener.Flatten(ref reader));
                flattener.KeyLength = length;
                if (problem is not null)
                    return problem;
            }
            return null;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped || !TryIndex(reader.ValueSpan, max, out var index))
            {
                problem = flattener.Property(ref reader);
            }
            else
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    flattener.Append(name);
                    problem = ReadElement(ref reader, flattener, push, snapshot, group, index);
                    flattener.KeyLength = length;
                }
                else
                {
                    problem = flattener.Value(name, ref reader);
                }
            }
            if (problem is not null)
                return problem;
        }
        return null;
    }

    private static ApiResult? ReadElement(ref Utf8JsonReader reader, JsonFlattener flattener, PushReader push, int snapshot, TelemetryGroup group, int index) =>
        snapshot < 0
            ? ReadSnapshot(ref reader, flattener, push, index)
            : ReadReadings(ref reader, flattener, push, snapshot, group, index);

    private static ApiResult? ReadSnapshot(ref Utf8JsonReader reader, JsonFlattener flattener, PushReader push, int snapshot)
    {
        var length = flattener.KeyLength;
        Span<char> number = stackalloc char[MaxNumberLength];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ApiResult? problem;
            var name = reader.ValueSpan;
            if (reader.ValueIsEscaped)
            {
                problem = flattener.Property(ref reader);
            }
            else if (name.SequenceEqual("timestamp"u8))
            {
                problem = ReadNumber(ref reader, flattener, name, number, out var value);
                if (problem is null && value >= 0 && !push.TryStoreTimestamp(snapshot, number[..value]))
                    flattener.Hand(name, number[..value]);
            }
            else if (name.SequenceEqual("general"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    flattener.Append(name);
                    problem = ReadReadings(ref reader, flattener, push, snapshot, TelemetryGroup.General, 0);
                    flattener.KeyLength = length;
                }
                else
                {
                    problem = flattener.Value(name, ref reader);
                }
            }
            else
            {
                problem = flattener.Property(ref reader);
            }
            if (problem is not null)
                return problem;
        }
        return null;
    }

    /// <summary>The readings of a group; those of <c>general</c> hold the motors, the batteries and the GPS fix.</summary>
    private static ApiResult? ReadReadings(ref Utf8JsonReader reader, JsonFlattener flattener, PushReader push, int snapshot, TelemetryGroup group, int component)
    {
        var length = flattener.KeyLength;
        Span<char> number = stackalloc char[MaxNumberLength];
        Readings? readings = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ApiResult? problem;
            var name = reader.ValueSpan;
            if (reader.ValueIsEscaped)
            {
                problem = flattener.Property(ref reader);
            }
            else if (TelemetryFields.Find(group, name) is { } field)
            {
                problem = ReadNumber(ref reader, flattener, name, number, out var value);
                if (problem is null && value >= 0)
                {
                    if (PushReader.Parse(field, number[..value], out var reading) is not null)
                        flattener.Hand(name, number[..value]);
                    else if ((readings ??= push.ReadingsOf(snapshot, group, component)) is { } into)
                        into[field] = reading;
                }
            }
            else if (group == TelemetryGroup.General && Container(name) is { } inner)
            {
                reader.Read();
                // GPS is one object; motors and batteries are a list, as an array or an object of indexes.
                if (reader.TokenType == JsonTokenType.StartObject || (reader.TokenType == JsonTokenType.StartArray && inner != TelemetryGroup.Gps))
                {
                    flattener.Append(name);
                    problem = inner == TelemetryGroup.Gps
                        ? ReadReadings(ref reader, flattener, push, snapshot, inner, 0)
                        : ReadList(ref reader, flattener, push, snapshot, inner);
                    flattener.KeyLength = length;
                }
                else
                {
                    problem = flattener.Value(name, ref reader);
                }
            }
            else
            {
                problem = flattener.Property(ref reader);
            }
            if (problem is not null)
                return problem;
        }
        return null;
    }

    private static TelemetryGroup? Container(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("motor"u8) ? TelemetryGroup.Motor
        : name.SequenceEqual("batt"u8) ? TelemetryGroup.Battery
        : name.SequenceEqual("gps"u8) ? TelemetryGroup.Gps
        : null;

    /// <summary>
    /// Moves to the value of property <paramref name="name"/>: a number is widened into
    /// <paramref name="into"/> (<paramref name="length"/> its length) and counted as one field;
    /// anything else goes to the flattener as it is (<paramref name="length"/> -1).
    /// </summary>
    private static ApiResult? ReadNumber(ref Utf8JsonReader reader, JsonFlattener flattener, ReadOnlySpan<byte> name, scoped Span<char> into, out int length)
    {
        reader.Read();
        length = Widen(reader, into);
        return length < 0 ? flattener.Value(name, ref reader) : flattener.Spend(name);
    }

    /// <summary>
    /// Widens the number the reader is on, as written, into <paramref name="into"/> (what the
    /// flattener would hand over for it) and returns its length; -1 for any other value.
    /// </summary>
    private static int Widen(in Utf8JsonReader reader, Span<char> into)
    {
        var raw = reader.ValueSpan;
        if (reader.TokenType != JsonTokenType.Number || raw.Length > into.Length)
            return -1;
        for (var i = 0; i < raw.Length; i++)
            into[i] = (char)raw[i];
        return raw.Length;
    }

    /// <summary>An index spelled as a name (<c>"data":{"0":{…}}</c>), read as <see cref="PushReader"/> reads it from a key.</summary>
    private static bool TryIndex(ReadOnlySpan<byte> name, int max, out int index)
    {
        Span<char> text = stackalloc char[10];
        index = 0;
        if (name.Length > text.Length)
            return false;
        for (var i = 0; i < name.Length; i++)
            text[i] = (char)name[i];
        return PushReader.TryIndex(text[..name.Length], max, out index);
    }
}
