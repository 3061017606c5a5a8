using System.Collections.Concurrent;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>
/// Every request a client sent, as <c>METHOD resource</c> (the path's last segment, e.g. <c>POST $batch</c>;
/// the emulator's paths start with the account name, Azure's do not), and the body and headers of each
/// entity-group transaction, in the order sent, recorded in the Azure SDK's own pipeline.
/// </summary>
public sealed class RequestLog : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<SentTransaction> _transactions = new();

    public sealed record SentTransaction(string Body, IReadOnlyDictionary<string, string> Headers);

    public IReadOnlyList<string> Requests => [.. _requests];

    public IReadOnlyList<SentTransaction> Transactions => [.. _transactions];

    /// <summary>The transactions' bodies, which hold each entity's properties.</summary>
    public IReadOnlyList<string> TransactionBodies => [.. _transactions.Select(t => t.Body)];

    public void Clear()
    {
        _requests.Clear();
        _transactions.Clear();
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message)
    {
        var resource = message.Request.Uri.Path.Split('/')[^1];
        _requests.Enqueue($"{message.Request.Method} {resource}");
        if (resource != "$batch" || message.Request.Content is not { } content)
            return;
        using var body = new MemoryStream();
        content.WriteTo(body, message.CancellationToken);
        _transactions.Enqueue(new SentTransaction(
            Encoding.UTF8.GetString(body.ToArray()),
            message.Request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase)));
    }
}
