using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace EvMonitor.Api;

/// <summary>
/// Turns a body in any of the three accepted encodings (PHP-style bracket form, multipart form,
/// JSON) into the same stream of form-style fields, so each endpoint reads one shape. A sink that
/// expects a JSON body of a known shape may read parts of it itself (<see cref="IJsonBodySink"/>).
/// </summary>
public static class RequestBodyParser
{
    private const int MaxJsonDepth = 32;
    private const int MaxBoundaryLength = 70;

    private static ReadOnlySpan<byte> Utf8Bom => "\uFEFF"u8;

    /// <summary>Feeds every field of the body to <paramref name="sink"/>; returns the error answer when the body cannot be read.</summary>
    public static async ValueTask<ApiResult?> ParseAsync(ApiRequest request, IFieldSink sink)
    {
        var (encoding, boundary, problem) = Classify(request.ContentType, request.Body.Span);
        if (problem is not null)
            return problem;
        switch (encoding)
        {
            case BodyEncoding.Json:
                return ParseJson(request.Body, sink);
            case BodyEncoding.Multipart:
                return await ParseMultipartAsync(request.Body, boundary!, sink);
            default:
                return ParseForm(request.Body.Span, sink);
        }
    }

    private enum BodyEncoding { Form, Multipart, Json }

    private static (BodyEncoding, string?, ApiResult?) Classify(string? contentType, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is null)
            return (Sniff(body), null, null);

        var charset = media.Charset.Value;
        if (charset is not null && !IsUtf8(charset))
            return (default, null, Unsupported($"Charset '{charset}' is not supported; send UTF-8."));

        var type = media.MediaType.Value.ToLowerInvariant();
        if (type == "application/x-www-form-urlencoded")
            return (BodyEncoding.Form, null, null);
        if (type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal))
            return (BodyEncoding.Json, null, null);
        if (type == "multipart/form-data")
        {
            var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
                return (default, null, Malformed("The multipart body has no boundary in its Content-Type."));
            // RFC 2046 allows 70 characters; the multipart reader fails outright on very long ones.
            if (boundary.Length > MaxBoundaryLength)
                return (default, null, Malformed($"The multipart boundary is longer than {MaxBoundaryLength} characters."));
            return (BodyEncoding.Multipart, boundary, null);
        }
        if (type.StartsWith("multipart/", StringComparison.Ordinal))
            return (default, null, Unsupported($"Content-Type '{type}' is not supported; use multipart/form-data, application/x-www-form-urlencoded or application/json."));
        // Unknown types are sniffed, as the contract asks: some HTTP libraries label any body text/plain.
        return (Sniff(body), null, null);
    }

    private static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static BodyEncoding Sniff(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith(Utf8Bom))
            body = body[Utf8Bom.Length..];
        var trimmed = body.TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] == (byte)'{' ? BodyEncoding.Json : BodyEncoding.Form;
    }

    internal static ApiResult Malformed(string message) => ApiResult.Error(400, ErrorCodes.MalformedBody, message);

    /// <summary>
    /// Refused before the field reaches a sink: every sink looks at the whole name, and an error
    /// answer names the field, so a longer one would only multiply the cost of the body.
    /// </summary>
    internal static ApiResult NameTooLong(ReadOnlySpan<char> name) =>
        Malformed($"The field name '{name[..Math.Min(name.Length, 40)]}…' is longer than {ApiLimits.MaxFieldNameLength} characters.");

    private static ApiResult Unsupported(string message) => ApiResult.Error(415, ErrorCodes.UnsupportedMediaType, message);

    // ---- application/x-www-form-urlencoded ----

    /// <summary>
    /// Splits on '&amp;' and '=', percent- and plus-decodes, and decodes UTF-8 (invalid bytes become U+FFFD).
    /// Returns the error answer for a field name over <see cref="ApiLimits.MaxFieldNameLength"/>.
    /// </summary>
    public static ApiResult? ParseForm(ReadOnlySpan<byte> body, IFieldSink sink)
    {
        if (body.IsEmpty)
            return null;
        var bytes = ArrayPool<byte>.Shared.Rent(body.Length);
        var chars = ArrayPool<char>.Shared.Rent(body.Length);
        try
        {
            // The previous raw key while its decoded form is still at the start of chars (see DecodeKey).
            var previousKey = ReadOnlySpan<byte>.Empty;
            while (!body.IsEmpty)
            {
                var keyLength = DecodeKey(body, ref previousKey, bytes, chars, out var rawKeyLength);
                body = body[rawKeyLength..];
                if (keyLength > ApiLimits.MaxFieldNameLength)
                    return NameTooLong(chars.AsSpan(0, keyLength));
                if (keyLength == 0 || body.IsEmpty || body[0] == '&')
                {
                    // An empty key drops its value with it; a key without '=' has an empty value.
                    var next = keyLength == 0 ? body.IndexOf((byte)'&') : 0;
                    if (keyLength > 0)
                        sink.Add(chars.AsSpan(0, keyLength), default);
                    body = next < 0 || body.IsEmpty ? default : body[(next + 1)..];
                    continue;
                }
                body = body[1..]; // '='
                var valueLength = DecodeAscii(body, TokenEnd.Ampersand, chars.AsSpan(keyLength), out var rawValueLength, out _);
                if (valueLength < 0)
                {
                    rawValueLength = body.IndexOf((byte)'&') is var amp and >= 0 ? amp : body.Length;
                    valueLength = DecodeUtf8(body[..rawValueLength], bytes, chars, keyLength);
                }
                sink.Add(chars.AsSpan(0, keyLength), chars.AsSpan(keyLength, valueLength));
                body = rawValueLength < body.Length ? body[(rawValueLength + 1)..] : default;
            }
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private enum TokenEnd { EqualsOrAmpersand, Ampersand }

    /// <summary>
    /// Decodes the key at the start of <paramref name="body"/> to the start of <paramref name="chars"/>.
    /// Consecutive keys mostly share their spelling (<c>data%5B3%5D%5Bgeneral%5D%5Bmotor%5D%5B0%5D%5B…</c>),
    /// so the part shared with <paramref name="previousKey"/>, still decoded there, is kept and only
    /// the rest is decoded.
    /// </summary>
    private static int DecodeKey(ReadOnlySpan<byte> body, ref ReadOnlySpan<byte> previousKey, byte[] scratch, char[] chars, out int rawLength)
    {
        var shared = body.CommonPrefixLength(previousKey);
        // Never keep half of an escape: "%5" decodes differently from "%5B".
        if (shared > 0 && body[shared - 1] == '%')
            shared--;
        else if (shared > 1 && body[shared - 2] == '%')
            shared -= 2;
        // Every '%' of a kept key began a three-byte escape of one char (see below).
        var sharedChars = shared == 0 ? 0 : shared - 2 * body[..shared].Count((byte)'%');

        var length = DecodeAscii(body[shared..], TokenEnd.EqualsOrAmpersand, chars.AsSpan(sharedChars), out rawLength, out var literalPercent);
        if (length < 0)
        {
            previousKey = default;
            rawLength = body.IndexOfAny((byte)'=', (byte)'&') is var end and >= 0 ? end : body.Length;
            return DecodeUtf8(body[..rawLength], scratch, chars, 0);
        }
        rawLength += shared;
        previousKey = literalPercent ? default : body[..rawLength];
        return sharedChars + length;
    }

    /// <summary>
    /// Keys and values are nearly always ASCII, with brackets percent-encoded: decoded straight to
    /// chars in one pass up to the end of the token. Returns -1 at the first byte of 0x80 or more,
    /// which needs UTF-8 decoding.
    /// </summary>
    private static int DecodeAscii(ReadOnlySpan<byte> raw, TokenEnd end, Span<char> decoded, out int rawLength, out bool literalPercent)
    {
        literalPercent = false;
        var n = 0;
        var i = 0;
        for (; i < raw.Length; i++)
        {
            int b = raw[i];
            if (b == '&' || (b == '=' && end == TokenEnd.EqualsOrAmpersand))
                break;
            // Hex digits are never '&' or '=', so an escape never reaches past the token.
            if (b == '%')
            {
                if (i + 2 < raw.Length && HexValue(raw[i + 1]) is var hi and >= 0 && HexValue(raw[i + 2]) is var lo and >= 0)
                {
                    b = hi * 16 + lo;
                    i += 2;
                }
                else
                {
                    literalPercent = true;
                }
            }
            else if (b == '+')
            {
                b = ' ';
            }
            if (b >= 0x80)
            {
                rawLength = 0;
                return -1;
            }
            decoded[n++] = (char)b;
        }
        rawLength = i;
        return n;
    }

    private static int DecodeUtf8(ReadOnlySpan<byte> raw, byte[] scratch, char[] chars, int at)
    {
        if (raw.IndexOfAny((byte)'%', (byte)'+') < 0)
            return Encoding.UTF8.GetChars(raw, chars.AsSpan(at));

        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '+')
                b = (byte)' ';
            else if (b == '%' && i + 2 < raw.Length && HexValue(raw[i + 1]) is var hi and >= 0 && HexValue(raw[i + 2]) is var lo and >= 0)
            {
                b = (byte)(hi * 16 + lo);
                i += 2;
            }
            scratch[n++] = b;
        }
        return Encoding.UTF8.GetChars(scratch.AsSpan(0, n), chars.AsSpan(at));
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    // ---- multipart/form-data ----

    private static async ValueTask<ApiResult?> ParseMultipartAsync(ReadOnlyMemory<byte> body, string boundary, IFieldSink sink)
    {
        var reader = new MultipartReader(boundary, new MemoryStream(body.ToArray(), writable: false))
        {
            BodyLengthLimit = ApiLimits.MaxBodyBytes,
        };
        try
        {
            while (await reader.ReadNextSectionAsync() is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFormDisposition())
                    continue; // files and unnamed parts are not fields
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (string.IsNullOrEmpty(name))
                    continue;
                if (name.Length > ApiLimits.MaxFieldNameLength)
                    return NameTooLong(name);
                using var text = new StreamReader(section.Body, Encoding.UTF8);
                var value = await text.ReadToEndAsync();
                sink.Add(name, value);
            }
            return null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return Malformed("The multipart body could not be read: " + e.Message);
        }
    }

    // ---- application/json ----

    private static ApiResult? ParseJson(ReadOnlyMemory<byte> body, IFieldSink sink)
    {
        // The reader does not skip a byte order mark, which some clients put before UTF-8 JSON.
        var json = body.Span;
        if (json.StartsWith(Utf8Bom))
            json = json[Utf8Bom.Length..];
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxJsonDepth });
        var flattener = new JsonFlattener(sink, body.Length);
        try
        {
            var problem = flattener.Read(ref reader);
            // Read to the end, so that a body that is not JSON is answered as such whatever else is wrong with it.
            while (reader.Read())
            {
            }
            return problem;
        }
        catch (JsonException e)
        {
            return Malformed($"The JSON body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
        finally
        {
            flattener.Dispose();
        }
    }
}
