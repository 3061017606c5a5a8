using System.Text.Json.Nodes;
using EvMonitor.Api;
using EvMonitor.Telemetry;

namespace EvMonitor.Fuzz.Tests.Support;

/// <summary>What every answer must look like, whatever was sent: the contract of API.md's "General" section.</summary>
public static class AnswerRules
{
    /// <summary>Each error code travels with one status (API.md); 5xx never answers bad input.</summary>
    private static readonly Dictionary<string, int> StatusOf = new()
    {
        [ErrorCodes.ValidationFailed] = 400,
        [ErrorCodes.MalformedBody] = 400,
        [ErrorCodes.InvalidCredentials] = 401,
        [ErrorCodes.TokenRequired] = 401,
        [ErrorCodes.TokenInvalid] = 401,
        [ErrorCodes.TokenExpired] = 401,
        [ErrorCodes.VehicleForbidden] = 403,
        [ErrorCodes.VehicleNotFound] = 404,
        [ErrorCodes.MakeNotFound] = 404,
        [ErrorCodes.ModelNotFound] = 404,
        [ErrorCodes.MethodNotAllowed] = 405,
        [ErrorCodes.PayloadTooLarge] = 413,
        [ErrorCodes.UnsupportedMediaType] = 415,
        [ErrorCodes.TooManyAttempts] = 429,
    };

    /// <summary>Returns what is wrong with <paramref name="answer"/>, or null when it keeps the contract.</summary>
    public static string? Violation(HttpAnswer answer)
    {
        if (answer.Status >= 500)
            return $"answered {answer.Status}" + (answer.Logged is null ? "" : $" after {answer.Logged.GetType().Name}: {answer.Logged.Message}\n{answer.Logged.StackTrace}");
        if (answer.ContentType != "application/json; charset=utf-8")
            return $"Content-Type is '{answer.ContentType}'";
        if (answer.Json is not JsonObject body)
            return "the body is not a JSON object: " + System.Text.Encoding.UTF8.GetString(answer.Raw);
        var success = body["SUCCESS"] is JsonValue s && s.TryGetValue(out string? text) ? text : null;
        if (success == "OK")
            return answer.Status == 200 ? null : $"SUCCESS is OK with status {answer.Status}";
        if (success != "ERROR")
            return "SUCCESS is neither OK nor ERROR: " + body.ToJsonString();
        if (answer.Raw.Length >= ApiLimits.MaxErrorAnswerBytes)
            return $"an error answer of {answer.Raw.Length} bytes, over {ApiLimits.MaxErrorAnswerBytes}";
        if (!IsNonEmptyString(body["error"]))
            return "an error without an error sentence: " + body.ToJsonString();
        if (!IsNonEmptyString(body["code"]))
            return "an error without a code: " + body.ToJsonString();
        var code = (string)body["code"]!;
        if (!StatusOf.TryGetValue(code, out var expected))
            return $"unexpected code {code}: " + body.ToJsonString();
        if (answer.Status != expected)
            return $"code {code} came with status {answer.Status}, not {expected}";
        if (body["errors"] is { } errors && !AreFieldErrors(errors))
            return "errors is not a list of {field, error}: " + body.ToJsonString();
        if (body["more_errors"] is { } more && (body["errors"] is null || more is not JsonValue count || !count.TryGetValue(out int n) || n < 1))
            return "more_errors is not a positive count beside errors: " + body.ToJsonString();
        if (answer.Status == 429 && !answer.Headers.ContainsKey("Retry-After"))
            return "429 without Retry-After";
        if (answer.Status == 405 && answer.Headers.Allow != "POST")
            return "405 without Allow: POST";
        return null;
    }

    /// <summary>An OK push: the count it reports is what went on the queue, in messages the queue takes.</summary>
    public static string? PushViolation(HttpAnswer answer, IReadOnlyList<BinaryData> queued)
    {
        var ok = answer.Json?["SUCCESS"]?.GetValue<string>() == "OK";
        if (!ok)
            return queued.Count == 0 ? null : $"an error answer, yet {queued.Count} messages were queued";
        if (answer.Json!["accepted"] is not JsonValue accepted || !accepted.TryGetValue(out int count) || count is < 1 or > ApiLimits.MaxSnapshotsPerPush)
            return "OK without a valid accepted count: " + answer.Json.ToJsonString();
        if (queued.Any(m => m.ToMemory().Length > TelemetryMessages.MaxPayloadBytes))
            return "a queue message is larger than " + TelemetryMessages.MaxPayloadBytes + " bytes";
        var snapshots = queued.Sum(m => TelemetryMessages.Unpack(m.ToMemory()).Snapshots.Count);
        return snapshots == count ? null : $"accepted {count} but queued {snapshots} snapshots";
    }

    private static bool IsNonEmptyString(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s);

    private static bool AreFieldErrors(JsonNode errors) =>
        errors is JsonArray list && list.Count > 0
        && list.All(e => e is JsonObject o && IsNonEmptyString(o["field"]) && IsNonEmptyString(o["error"]));
}
