using System.Net;
using System.Text;
using EvMonitor.Api;
using EvMonitor.HostTests.Support;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.HostTests;

/// <summary>
/// Request bodies under the real host with <c>FUNCTIONS_REQUEST_BODY_SIZE_LIMIT</c> set as in Azure
/// (<see cref="ApiLimits.HostMaxBodyBytes"/>): up to the contract's 1 MiB a body is read; just over
/// it the app answers its JSON 413; far over it the host itself refuses the body before reading it in full.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class HostBodyLimitTests(AppHostFixture host)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static byte[] LoginBodyOf(int size, string email, string password)
    {
        var fields = Encoding.ASCII.GetBytes(WireCalls.FormBody([("username", email), ("password", password)]) + "&padding=");
        return [.. fields, .. Enumerable.Repeat((byte)'x', size - fields.Length)];
    }

    [HostFact]
    public async Task ABodyOfExactlyOneMiBSentChunkedReachesTheEndpoint()
    {
        var (email, password, _) = await host.Client.RegisterAsync();

        var answer = await host.Client.SendAsync("login", new UnknownLengthContent(LoginBodyOf(ApiLimits.MaxBodyBytes, email, password), "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [HostTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyJustOverOneMiBGetsTheAppsJson413(bool sendLength)
    {
        var body = LoginBodyOf(ApiLimits.MaxBodyBytes + 1, "rider@example.com", "correct-horse-battery");

        var answer = await host.Client.SendAsync("login", sendLength
            ? WireCalls.RawBody(body, "application/x-www-form-urlencoded")
            : new UnknownLengthContent(body, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Equal("PAYLOAD_TOO_LARGE", answer.Code);
    }

    // The host's own answer to a body over its limit is an empty 500 with "Connection: close", not
    // the app's JSON 413: Kestrel refuses to read past MaxRequestBodySize, the host's HTTP trigger
    // binding fails with "Request body too large" and the host answers the failed invocation itself
    // (azure-functions-host 4.1037, HttpRequestBodySizeMiddleware; seen in this host's log).

    [HostFact]
    public async Task ABodyAnnouncedOverTheHostLimitIsRefusedWithoutBeingRead()
    {
        // 100 MB announced, 64 KiB sent: an answer proves the host did not wait for the rest.
        const int announced = 100_000_000;
        var head = $"POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {announced}";

        var answer = await RawHttp.SendAsync(host.Host.Address, head, [new byte[64 * 1024]], Patience);

        Assert.Equal(500, answer.Status);
        Assert.Equal("", answer.Body);
    }

    [HostFact]
    public async Task AChunkedBodyOverTheHostLimitIsCutOffAtTheLimit()
    {
        // Chunks up to 256 KiB past the host's limit, and no last chunk: a body that never ends.
        const int chunk = 16 * 1024;
        var chunks = Enumerable.Range(0, (ApiLimits.HostMaxBodyBytes + 256 * 1024) / chunk)
            .Select(_ => Encoding.ASCII.GetBytes($"{chunk:x}\r\n{new string('x', chunk)}\r\n"));
        const string head = "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked";

        var answer = await RawHttp.SendAsync(host.Host.Address, head, chunks, Patience);

        Assert.Equal(500, answer.Status);
        Assert.Equal("", answer.Body);
    }
}
