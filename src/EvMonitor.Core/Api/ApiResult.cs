using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvMonitor.Api;

/// <summary>An answer: the HTTP status and the JSON body, which always carries <c>"SUCCESS"</c>.</summary>
public sealed record ApiResult(int Status, JsonObject Body, TimeSpan? RetryAfter = null)
{
    /// <summary>The methods a 405 names in its <c>Allow</c> header.</summary>
    public string Allow { get; init; } = "POST";

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

    public static ApiResult Error(int status, string code, string message, IReadOnlyList<FieldError>? errors = null, TimeSpan? retryAfter = null)
    {
        var body = new JsonObject
        {
            ["SUCCESS"] = "ERROR",
            ["error"] = message,
            ["code"] = code,
        };
        if (errors is { Count: > 0 })
        {
            var list = new JsonArray();
            foreach (var e in errors)
                list.Add(new JsonObject { ["field"] = e.Field, ["error"] = e.Error });
            body["errors"] = list;
        }
        return new ApiResult(status, body, retryAfter);
    }

    public static ApiResult Invalid(IReadOnlyList<FieldError> errors) =>
        Error(400, ErrorCodes.ValidationFailed,
            errors.Count == 1 ? $"{errors[0].Field} {errors[0].Error}." : $"The request has {errors.Count} invalid fields; see errors.",
            errors);

    public static ApiResult Invalid(string field, string error) => Invalid([new FieldError(field, error)]);

    public static ApiResult StorageUnavailable() =>
        Error(503, ErrorCodes.StorageUnavailable, "Storage is unavailable right now; nothing was stored. Retry later.", retryAfter: TimeSpan.FromSeconds(5));

    /// <summary>Apostrophes and accents as they are: these bodies are JSON for apps, never embedded in HTML.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJsonString() => Body.ToJsonString(JsonOptions);

    public string Success => (string)Body["SUCCESS"]!;
    public string? Code => (string?)Body["code"];
}
