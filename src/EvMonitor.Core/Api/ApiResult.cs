using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvMonitor.Api;

/// <summary>An answer: the HTTP status and the JSON body, which always carries <c>"SUCCESS"</c>.</summary>
public sealed record ApiResult(int Status, JsonObject Body, TimeSpan? RetryAfter = null)
{
    /// <summary>The methods a 405 names in its <c>Allow</c> header.</summary>
    public string Allow { get; init; } = "POST";

    /// <summary>When set, the answer is this file instead of <see cref="Body"/>.</summary>
    public FileAnswer? File { get; init; }

    /// <summary>A 200 whose body is the file, streamed.</summary>
    public static ApiResult Ok(FileAnswer file) => new(200, new JsonObject { ["SUCCESS"] = "OK" }) { File = file };

    public static ApiResult Ok(JsonObject? fields = null)
    {
        var body = new JsonObject { ["SUCCESS"] = "OK" };
        if (fields is not null)
        {
            foreach (var (name, value) in fields.ToList())
            {
                fields.Remove(name);
                body[name] = value;
            }
        }
        return new ApiResult(200, body);
    }

    /// <param name="errorsFound">How many problems were found in all, when <paramref name="errors"/> holds only the first of them.</param>
    public static ApiResult Error(int status, string code, string message, IReadOnlyList<FieldError>? errors = null, TimeSpan? retryAfter = null, int errorsFound = 0)
    {
        var body = new JsonObject
        {
            ["SUCCESS"] = "ERROR",
            ["error"] = Shorten(message, MaxMessageLength),
            ["code"] = code,
        };
        if (errors is { Count: > 0 })
            AddErrors(body, errors, Math.Max(errorsFound, errors.Count));
        return new ApiResult(status, body, retryAfter);
    }

    public static ApiResult Invalid(IReadOnlyList<FieldError> errors, int errorsFound = 0) =>
        Error(400, ErrorCodes.ValidationFailed,
            Math.Max(errorsFound, errors.Count) == 1
                ? $"{Shorten(errors[0].Field, MaxFieldNameShown)} {errors[0].Error}."
                : $"The request has {Math.Max(errorsFound, errors.Count)} invalid fields; see errors.",
            errors, errorsFound: errorsFound);

    public static ApiResult Invalid(string field, string error) => Invalid([new FieldError(field, error)]);

    // An error answer stays under ApiLimits.MaxErrorAnswerBytes whatever the request: the sentence
    // is at most MaxMessageLength characters, each at most 6 bytes once JSON-escaped (\u001f), and
    // the list of errors is cut where its serialized size would pass ErrorListBytes.
    private const int MaxMessageLength = 512;
    private const int MaxFieldNameShown = 64;
    private const int MaxErrorLength = 200;
    private const int ErrorListBytes = 12 * 1024;

    private static void AddErrors(JsonObject body, IReadOnlyList<FieldError> errors, int found)
    {
        var list = new JsonArray();
        var room = ErrorListBytes;
        foreach (var e in errors.Take(ApiLimits.MaxListedErrors))
        {
            var entry = new JsonObject { ["field"] = Shorten(e.Field, MaxFieldNameShown), ["error"] = Shorten(e.Error, MaxErrorLength) };
            room -= Encoding.UTF8.GetByteCount(entry.ToJsonString(JsonOptions)) + 1;
            if (room < 0)
                break;
            list.Add(entry);
        }
        body["errors"] = list;
        if (found > list.Count)
            body["more_errors"] = found - list.Count;
    }

    /// <summary>
    /// Over <paramref name="max"/> characters, the start and the end with an ellipsis between: a
    /// field name keeps both the field it begins with and the reading it ends with.
    /// </summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var head = max * 2 / 3;
        var tail = max - head - 1;
        // Never half a surrogate pair on either side of the cut.
        if (char.IsHighSurrogate(text[head - 1]))
            head--;
        if (char.IsLowSurrogate(text[^tail]))
            tail--;
        return string.Concat(text.AsSpan(0, head), "…", text.AsSpan(text.Length - tail));
    }

    public static ApiResult StorageUnavailable() =>
        Error(503, ErrorCodes.StorageUnavailable, "Storage is unavailable right now; nothing was stored. Retry later.", retryAfter: TimeSpan.FromSeconds(5));

    /// <summary>Apostrophes and accents as they are: these bodies are JSON for apps, never embedded in HTML.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJsonString() => Body.ToJsonString(JsonOptions);

    public string Success => (string)Body["SUCCESS"]!;
    public string? Code => (string?)Body["code"];
}
