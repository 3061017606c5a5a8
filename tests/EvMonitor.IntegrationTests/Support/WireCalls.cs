using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>
/// Requests built by hand: form, multipart or JSON bodies, or bytes exactly as given; answers read
/// as JSON. Only for tests whose subject is the wire itself (the body encodings, sniffed bodies,
/// the PHP and qs encoders, error answers to malformed or hostile requests, the exact JSON of an
/// answer, a token sent in a given place), which the typed client would hide. Everything else goes
/// through <see cref="EvMonitor.Client.EvMonitorClient"/> (<see cref="ApiCalls"/>), as an app
/// developer's code would.
/// </summary>
public static class WireCalls
{
    public sealed record Answer(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)
    {
        public string Success => (string)Body["SUCCESS"]!;
        public string? Code => (string?)Body["code"];

        /// <summary>The fields named in a validation answer's <c>errors</c> list.</summary>
        public IReadOnlyList<string> ErrorFields =>
            Body["errors"]?.AsArray().Select(e => (string)e!["field"]!).ToList() ?? [];
    }

    /// <summary>How an app may encode a body of plain fields; the sniffed kinds send no Content-Type.</summary>
    public enum BodyKind { Form, Multipart, Json, SniffedForm, SniffedJson }

    public static Task<Answer> PostAsync(this HttpClient client, BodyKind kind, string endpoint, params (string Key, string Value)[] fields) => kind switch
    {
        BodyKind.Form => client.PostFormAsync(endpoint, fields),
        BodyKind.Multipart => client.PostMultipartAsync(endpoint, fields),
        BodyKind.Json => client.PostJsonAsync(endpoint, JsonFields(fields)),
        BodyKind.SniffedForm => client.SendAsync(endpoint, RawBody(FormBody(fields), null)),
        BodyKind.SniffedJson => client.SendAsync(endpoint, RawBody(JsonFields(fields).ToJsonString(), null)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Fields URL-encoded by hand, as an app without an HTTP library would write them.</summary>
    public static string FormBody(IEnumerable<(string Key, string Value)> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    private static JsonObject JsonFields(IEnumerable<(string Key, string Value)> fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value)));

    public static Task<Answer> PostFormAsync(this HttpClient client, string endpoint, params (string Key, string Value)[] fields) =>
        SendAsync(client, endpoint, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))));

    public static Task<Answer> PostMultipartAsync(this HttpClient client, string endpoint, params (string Key, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
            content.Add(new StringContent(value), key);
        return SendAsync(client, endpoint, content);
    }

    public static Task<Answer> PostJsonAsync(this HttpClient client, string endpoint, JsonObject body) =>
        SendAsync(client, endpoint, JsonContent.Create(body));

    /// <summary>Sends one request and checks what every answer shares: a JSON body in UTF-8 with <c>SUCCESS</c> OK or ERROR.</summary>
    public static async Task<Answer> SendAsync(this HttpClient client, string endpoint, HttpContent? content, HttpMethod? method = null, string? bearerToken = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, endpoint) { Content = content };
        if (bearerToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        var response = await client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Contains((string?)body["SUCCESS"], new[] { "OK", "ERROR" });
        Assert.Equal(response.IsSuccessStatusCode, (string?)body["SUCCESS"] == "OK");
        return new Answer(response.StatusCode, body, response);
    }

    /// <summary>A body exactly as given, with the Content-Type given (none when null), for encodings the helpers above do not cover.</summary>
    public static ByteArrayContent RawBody(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static ByteArrayContent RawBody(string body, string? contentType) => RawBody(Encoding.UTF8.GetBytes(body), contentType);
}
