using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace EvMonitor.Client.Tests.Support;

/// <summary>
/// Stands in for the service: records every request (endpoint, bearer token, JSON body) and
/// answers with what the test's responder returns for it.
/// </summary>
public sealed class FakeApi : HttpMessageHandler
{
    private readonly Func<RecordedRequest, HttpResponseMessage> _respond;
    private readonly List<RecordedRequest> _requests = [];

    public FakeApi(Func<RecordedRequest, HttpResponseMessage> respond) => _respond = respond;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
                return _requests.ToList();
        }
    }

    public IReadOnlyList<RecordedRequest> To(string endpoint) => Requests.Where(r => r.Endpoint == endpoint).ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.RequestUri!.Segments[^1], request.Headers.Authorization?.Parameter, request.Content?.Headers.ContentType?.ToString(), body ?? "", request.Method.Method);
        lock (_requests)
            _requests.Add(recorded);
        return _respond(recorded);
    }

    public static HttpResponseMessage Ok(JsonObject fields, DateTimeOffset? date = null)
    {
        fields["SUCCESS"] = "OK";
        var response = Json(HttpStatusCode.OK, fields);
        response.Headers.Date = date;
        return response;
    }

    public static HttpResponseMessage Error(HttpStatusCode status, string code, string message = "Something is wrong.", TimeSpan? retryAfter = null, JsonArray? errors = null)
    {
        var body = new JsonObject { ["SUCCESS"] = "ERROR", ["error"] = message, ["code"] = code };
        if (errors is not null)
            body["errors"] = errors;
        var response = Json(status, body);
        if (retryAfter is { } wait)
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        return response;
    }

    /// <summary>A login answer as the service gives it: a token valid 10 minutes from <paramref name="now"/>, and the Date header.</summary>
    public static HttpResponseMessage Login(string token, DateTimeOffset now) =>
        Ok(new JsonObject { ["token"] = token, ["expires"] = now.AddMinutes(10).ToUnixTimeSeconds() }, now);

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}

public sealed record RecordedRequest(string Endpoint, string? BearerToken, string? ContentType, string Body, string Method = "POST")
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}
