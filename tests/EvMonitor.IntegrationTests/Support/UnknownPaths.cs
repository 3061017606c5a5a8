using System.Net;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>Paths under <c>/api/</c> that are no endpoint, asked of the local host and of the Functions host alike.</summary>
public static class UnknownPaths
{
    public static TheoryData<string, string> Cases => new()
    {
        { "GET", "no_such_endpoint" },
        { "POST", "no_such_endpoint" },
        { "DELETE", "no_such_endpoint" },
        { "POST", "" },
        { "POST", "login/extra" },
        { "GET", "a/b/c" },
    };

    public static async Task AnswersNotFoundAsync(HttpClient client, string method, string path)
    {
        var answer = await client.SendAsync(path, method == "GET" ? null : new FormUrlEncodedContent([]), new HttpMethod(method));

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("NOT_FOUND", answer.Code);
    }
}
