using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>Calls as an app makes them: form, multipart or JSON bodies; answers read as JSON.</summary>
public static class ApiCalls
{
    public sealed record Answer(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)
    {
        public string Success => (string)Body["SUCCESS"]!;
        public string? Code => (string?)Body["code"];
    }

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

    public static async Task<Answer> SendAsync(this HttpClient client, string endpoint, HttpContent? content, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, endpoint) { Content = content };
        var response = await client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return new Answer(response.StatusCode, body, response);
    }

    public static async Task<string> LoginAsync(this HttpClient client, TestAccount account)
    {
        var answer = await client.PostFormAsync("login", ("username", account.Email), ("password", account.Password));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return (string)answer.Body["token"]!;
    }

    /// <summary>Polls until <paramref name="condition"/> holds, for what the queue-triggered normalizer does in the background.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("The condition did not hold in time.");
            await Task.Delay(100);
        }
    }
}
