using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace EvMonitor.Api;

/// <summary>
/// Turns a body in any of the three accepted encodings (PHP-style bracket form, multipart form,
/// JSON) into the same stream of form-style fields, so each endpoint reads one shape.
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
                ParseForm(request.Body.Span, sink);
                return null;
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

    private static ApiResult Malformed(string message) => ApiResult.Error(400, ErrorCodes.MalformedBody, message);

    private static ApiResult Unsupported(string message) => ApiResult.Error(415, ErrorCodes.UnsupportedMediaType, message);

    // ---- application/x-www-form-urlencoded ----

    /// <summary>Splits on '&amp;' and '=', percent- and plus-decodes, and decodes UTF-8 (invalid bytes become U+FFFD).</summary>
    public static void ParseForm(ReadOnlySpan<byte> body, IFieldSink sink)
    {
        if (body.IsEmpty)
            return;
        var bytes = ArrayPool<byte>.Shared.Rent(body.Length);
        var chars = ArrayPool<char>.Shared.Rent(body.Length);
        try
        {
            while (!body.IsEmpty)
            {
                var end = body.IndexOf((byte)'&');
                var pair = end < 0 ? body : body[..end];
                body = end < 0 ? default : body[(end + 1)..];
                if (pair.IsEmpty)
                    continue;

                var eq = pair.IndexOf((byte)'=');
                var rawKey = eq < 0 ? pair : pair[..eq];
                var rawValue = eq < 0 ? default : pair[(eq + 1)..];
                var keyLength = Decode(rawKey, bytes, chars, 0);
                if (keyLength == 0)
                    continue;
                var valueLength = Decode(rawValue, bytes, chars, keyLength);
                sink.Add(chars.AsSpan(0, keyLength), chars.AsSpan(keyLength, valueLength));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Decodes one key or value into <paramref name="chars"/> at <paramref name="at"/>; returns the char count.</summary>
    private static int Decode(ReadOnlySpan<byte> raw, byte[] scratch, char[] chars, int at)
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
        if (body.Span.StartsWith(Utf8Bom))
            body = body[Utf8Bom.Length..];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
        }
        catch (JsonException e)
        {
            return Malformed($"The JSON body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return Malformed("The JSON body must be an object.");
            var key = new StringBuilder(64);
            try
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    key.Clear().Append(property.Name);
                    Flatten(property.Value, key, sink);
                }
            }
            catch (InvalidOperationException)
            {
                // Valid JSON may still escape half a surrogate pair ("\ud800"), which no string can hold.
                return Malformed("The JSON body has a string that is not valid Unicode (an unpaired surrogate escape).");
            }
            return null;
        }
    }

    /// <summary>Objects become <c>[name]</c> segments and arrays <c>[position]</c>, as a form would spell them.</summary>
    private static void Flatten(JsonElement element, StringBuilder key, IFieldSink sink)
    {
        var length = key.Length;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    key.Append('[').Append(property.Name).Append(']');
                    Flatten(property.Value, key, sink);
                    key.Length = length;
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    key.Append('[').Append(index++).Append(']');
                    Flatten(item, key, sink);
                    key.Length = length;
                }
                break;
            case JsonValueKind.String:
                sink.Add(key.ToString(), element.GetString());
                break;
            case JsonValueKind.Number:
                sink.Add(key.ToString(), element.GetRawText());
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                sink.Add(key.ToString(), element.ValueKind == JsonValueKind.True ? "true" : "false");
                break;
            // null means "not sent"
        }
    }
}
