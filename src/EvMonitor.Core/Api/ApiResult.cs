using System.Text.Json;

namespace EvMonitor.Api;

/// <summary>An answer: the HTTP status and the body, whose <c>SUCCESS</c> is <c>OK</c> on 200 and <c>ERROR</c> otherwise.</summary>
public sealed record ApiResult(int Status, Answer Body, TimeSpan? RetryAfter = null)
{
    /// <summary>The methods a 405 names in its <c>Allow</c> header.</summary>
    public string Allow { get; init; } = "POST";

    /// <summary>When set, the answer is this file instead of <see cref="Body"/>.</summary>
    public FileAnswer? File { get; init; }

    /// <summary>A 200 whose body is the file, streamed.</summary>
    public static ApiResult Ok(FileAnswer file) => new(200, new OkAnswer()) { File = file };

    public static ApiResult Ok(OkAnswer? answer = null) => new(200, answer ?? new OkAnswer());

    /// <param name="errorsFound">How many problems were found in all, when <paramref name="errors"/> holds only the first of them.</param>
    public static ApiResult Error(int status, string code, string message, IReadOnlyList<FieldError>? errors = null, TimeSpan? retryAfter = null, int errorsFound = 0)
    {
        var body = new ErrorAnswer(Shorten(message, MaxMessageLength), code);
        if (errors is { Count: > 0 })
            body = WithErrors(body, errors, Math.Max(errorsFound, errors.Count));
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

    private static ErrorAnswer WithErrors(ErrorAnswer body, IReadOnlyList<FieldError> errors, int found)
    {
        var list = new List<FieldError>();
        var room = ErrorListBytes;
        foreach (var e in errors.Take(ApiLimits.MaxListedErrors))
        {
            var entry = new FieldError(Shorten(e.Field, MaxFieldNameShown), Shorten(e.Error, MaxErrorLength));
            room -= JsonSerializer.SerializeToUtf8Bytes(entry, ApiJsonContext.Wire.FieldError).Length + 1;
            if (room < 0)
                break;
            list.Add(entry);
        }
        return body with { Errors = list, MoreErrors = found > list.Count ? found - list.Count : null };
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

    public string ToJsonString() => ApiJsonContext.ToJsonString(Body);

    public string Success => Body.Success;
    public string? Code => Body switch
    {
        ErrorAnswer error => error.Code,
        Monitoring.HealthAnswer health => health.Code,
        _ => null,
    };
}
