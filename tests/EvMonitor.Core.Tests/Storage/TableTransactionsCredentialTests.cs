using System.Net;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using EvMonitor.Storage;
using Moq;

namespace EvMonitor.Core.Tests.Storage;

/// <summary>
/// In Azure the app reaches storage with its managed identity. No emulator here takes Microsoft
/// Entra tokens over plain HTTP, so the transaction's authorization is held against the Azure
/// Tables client's own for the same credential, on a transport that answers as the Table service does.
/// </summary>
public sealed class TableTransactionsCredentialTests
{
    private static readonly Uri Service = new("https://evmonitor.table.core.windows.net/");

    [Fact]
    public async Task WithATokenCredentialTheTransactionAsksForTheScopeTheTableClientAsksForAndSendsItsToken()
    {
        var (clientScopes, clientRequest) = await SendAsync(async (credential, options) =>
            await new TableClient(Service, "telemetry", credential, options).SubmitTransactionAsync([Add()]));
        var (ourScopes, ourRequest) = await SendAsync(async (credential, options) =>
            await TableTransactions.FromCredential(Service, credential, options).SubmitAsync("telemetry", [Add()]));

        Assert.Equal(clientScopes, ourScopes);
        Assert.Equal(["https://storage.azure.com/.default"], ourScopes);
        Assert.Equal(clientRequest.Authorization, ourRequest.Authorization);
        Assert.Equal("Bearer the-token", ourRequest.Authorization);
        Assert.Equal(clientRequest.Uri, ourRequest.Uri);
        Assert.NotNull(ourRequest.Date);
    }

    private static TableTransactionAction Add() => new(TableTransactionActionType.Add, new TableEntity("v1", "000000000001") { ["Speed"] = 80.0 });

    private sealed record SentRequest(string Uri, string? Authorization, string? Date);

    private static async Task<(List<string> Scopes, SentRequest Request)> SendAsync(Func<TokenCredential, TableClientOptions, Task> send)
    {
        var scopes = new List<string>();
        var credential = new Mock<TokenCredential>();
        credential.Setup(c => c.GetTokenAsync(It.IsAny<TokenRequestContext>(), It.IsAny<CancellationToken>()))
            .Callback((TokenRequestContext context, CancellationToken _) => scopes.AddRange(context.Scopes))
            .ReturnsAsync(new AccessToken("the-token", DateTimeOffset.UtcNow.AddHours(1)));
        var service = new TableService();
        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(service)) };
        options.Retry.MaxRetries = 0;
        await send(credential.Object, options);
        return (scopes, Assert.Single(service.Requests));
    }

    /// <summary>Answers a transaction of one operation as the Table service does (its shape as Azurite sends it).</summary>
    private sealed class TableService : HttpMessageHandler
    {
        public List<SentRequest> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(new SentRequest(
                request.RequestUri!.ToString(),
                request.Headers.Authorization?.ToString(),
                request.Headers.TryGetValues("x-ms-date", out var dates) ? dates.Single() : null));
            const string body =
                "--batchresponse_1\r\nContent-Type: multipart/mixed; boundary=changesetresponse_1\r\n\r\n" +
                "--changesetresponse_1\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
                "HTTP/1.1 204 No Content\r\nDataServiceVersion: 3.0;\r\nETag: W/\"datetime'2026-11-30T09%3A19%3A36.5824405Z'\"\r\n\r\n\r\n" +
                "--changesetresponse_1--\r\n--batchresponse_1--\r\n";
            var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/mixed; boundary=batchresponse_1");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted) { Content = content });
        }
    }
}
