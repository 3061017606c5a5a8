using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EvMonitor.Api;

/// <summary>
/// Objects become <c>[name]</c> segments and arrays <c>[position]</c>, as a form would spell them,
/// read in one pass over the UTF-8 bytes without building a tree. A JSON name is written once but
/// its form key is handed over with every value below it, so the key is built in place in one
/// buffer, and the characters handed over are counted against a budget proportional to the body:
/// a long name over many values cannot cost more than the body's size allows.
/// </summary>
/// <remarks>
/// A sink that reads the root's properties itself (<see cref="IJsonBodySink"/>) walks them with the
/// members below, keeping the key of where it is, and leaves to the flattener whatever it does not
/// expect, so that every value is spelled and counted as if the flattener had read it.
/// </remarks>
internal sealed class JsonFlattener(IFieldSink sink, int bodyLength) : IDisposable
{
    private readonly char[] _key = ArrayPool<char>.Shared.Rent(ApiLimits.MaxFieldNameLength);
    private int _length;
    private long _budget = (long)ApiLimits.MaxFieldNameCharsPerBodyByte * bodyLength;
    private char[] _value = ArrayPool<char>.Shared.Rent(256);

    /// <summary>The length of the key of the value being read; set it back to leave a segment.</summary>
    public int KeyLength
    {
        get => _length;
        set => _length = value;
    }

    /// <summary>Feeds every value of the root object to the sink; returns the error answer when the body is refused.</summary>
    /// <exception cref="JsonException">The body is not valid JSON.</exception>
    public ApiResult? Read(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
            return RequestBodyParser.Malformed("The JSON body must be an object.");
        var shaped = sink as IJsonBodySink;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                _length = 0;
                var problem = shaped is not null && shaped.TryReadRootProperty(ref reader, this, out var read)
                    ? read
                    : Append(ref reader, bracketed: false) ?? Next(ref reader);
                if (problem is not null)
                    return problem;
            }
            return null;
        }
        catch (InvalidOperationException)
        {
            // Valid JSON may still escape half a surrogate pair ("\ud800"), which no string can hold.
            return RequestBodyParser.Malformed("The JSON body has a string that is not valid Unicode (an unpaired surrogate escape).");
        }
    }

    /// <summary>Reads the value the reader is on, and everything below it.</summary>
    public ApiResult? Flatten(ref Utf8JsonReader reader)
    {
        var length = _length;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var problem = Property(ref reader);
                    if (problem is not null)
                        return problem;
                }
                return null;
            case JsonTokenType.StartArray:
                for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
                {
                    var problem = AppendIndex(index) ?? Flatten(ref reader);
                    if (problem is not null)
                        return problem;
                    _length = length;
                }
                return null;
            case JsonTokenType.String:
                var text = ValueBuffer(reader.ValueSpan.Length);
                return Add(text[..reader.CopyString(text)]);
            case JsonTokenType.Number:
                // A number is ASCII: its text as written is its bytes widened.
                var raw = reader.ValueSpan;
                var number = ValueBuffer(raw.Length);
                for (var i = 0; i < raw.Length; i++)
                    number[i] = (char)raw[i];
                return Add(number);
            case JsonTokenType.True:
                return Add("true");
            case JsonTokenType.False:
                return Add("false");
            default:
                return null; // null means "not sent"
        }
    }

    /// <summary>Reads the property whose name the reader is on, below the current key.</summary>
    public ApiResult? Property(ref Utf8JsonReader reader)
    {
        var length = _length;
        var problem = Append(ref reader, bracketed: true) ?? Next(ref reader);
        _length = length;
        return problem;
    }

    /// <summary>Reads the value the reader is on as that of <paramref name="name"/> (plain ASCII, as the body spells it) below the current key.</summary>
    public ApiResult? Value(ReadOnlySpan<byte> name, ref Utf8JsonReader reader)
    {
        var length = _length;
        Append(name);
        var problem = Flatten(ref reader);
        _length = length;
        return problem;
    }

    /// <summary>
    /// Appends <c>[name]</c> (a name of the root object: <c>name</c>) for a name the caller has
    /// matched: plain ASCII, as the body spells it, and short (the caller's keys are a few dozen
    /// characters, far from the limit).
    /// </summary>
    public void Append(ReadOnlySpan<byte> name, bool bracketed = true)
    {
        if (bracketed)
            _key[_length++] = '[';
        Ascii.ToUtf16(name, _key.AsSpan(_length), out var widened);
        _length += widened;
        if (bracketed)
            _key[_length++] = ']';
    }

    /// <summary>Appends <c>[index]</c>, an array's position.</summary>
    public ApiResult? AppendIndex(int index)
    {
        Span<char> digits = stackalloc char[11];
        index.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture);
        return Append(digits[..written], bracketed: true);
    }

    /// <summary>
    /// Counts the key of a value that the caller reads itself, <c>[name]</c> below the current key,
    /// as <see cref="Flatten"/> counts the key of every value it hands over.
    /// </summary>
    public ApiResult? Spend(ReadOnlySpan<byte> name)
    {
        _budget -= _length + name.Length + 2;
        return _budget < 0 ? OverBudget() : null;
    }

    /// <summary>Hands over a value the caller has counted (<see cref="Spend"/>) but not read, with its key, <c>[name]</c> below the current key.</summary>
    public void Hand(ReadOnlySpan<byte> name, ReadOnlySpan<char> value)
    {
        var length = _length;
        Append(name);
        sink.Add(_key.AsSpan(0, _length), value);
        _length = length;
    }

    /// <summary>Moves from a name to its value and reads it.</summary>
    private ApiResult? Next(ref Utf8JsonReader reader)
    {
        reader.Read();
        return Flatten(ref reader);
    }

    /// <summary>Room for a value of at most <paramref name="length"/> chars (a JSON string has no more chars than bytes).</summary>
    private Span<char> ValueBuffer(int length)
    {
        if (length > _value.Length)
        {
            ArrayPool<char>.Shared.Return(_value);
            _value = ArrayPool<char>.Shared.Rent(length);
        }
        return _value.AsSpan(0, length);
    }

    /// <summary>Appends the property name the reader is on.</summary>
    private ApiResult? Append(ref Utf8JsonReader reader, bool bracketed)
    {
        // A name has at most as many chars as bytes; only one that may not fit is decoded whole, to be named.
        var room = ApiLimits.MaxFieldNameLength - _length - (bracketed ? 2 : 0);
        if (reader.ValueSpan.Length > room)
            return Append(reader.GetString(), bracketed);
        if (bracketed)
            _key[_length++] = '[';
        // Names are nearly always plain ASCII, widened without the general transcoder's set-up.
        var into = _key.AsSpan(_length);
        _length += !reader.ValueIsEscaped && Ascii.ToUtf16(reader.ValueSpan, into, out var widened) == OperationStatus.Done
            ? widened
            : reader.CopyString(into);
        if (bracketed)
            _key[_length++] = ']';
        return null;
    }

    private ApiResult? Append(ReadOnlySpan<char> name, bool bracketed)
    {
        var needed = name.Length + (bracketed ? 2 : 0);
        if (needed > ApiLimits.MaxFieldNameLength - _length)
            return RequestBodyParser.NameTooLong(string.Concat(_key.AsSpan(0, Math.Min(_length, 40)), name[..Math.Min(name.Length, 40)]));
        if (bracketed)
            _key[_length++] = '[';
        name.CopyTo(_key.AsSpan(_length));
        _length += name.Length;
        if (bracketed)
            _key[_length++] = ']';
        return null;
    }

    private ApiResult? Add(ReadOnlySpan<char> value)
    {
        _budget -= _length;
        if (_budget < 0)
            return OverBudget();
        sink.Add(_key.AsSpan(0, _length), value);
        return null;
    }

    private static ApiResult OverBudget() =>
        RequestBodyParser.Malformed($"The JSON body's field names, spelled out for every value as form keys (data[0][general][speed]), add up to more than {ApiLimits.MaxFieldNameCharsPerBodyByte} characters per byte of the body.");

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_key);
        ArrayPool<char>.Shared.Return(_value);
    }
}
