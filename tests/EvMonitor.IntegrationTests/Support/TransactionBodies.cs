using System.Collections.Concurrent;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>The body and headers of every entity-group transaction a client sent (<c>POST …/$batch</c>), in the order sent, recorded in the Azure SDK's own pipeline.</summary>
public sealed class TransactionBodies : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<SentTransaction> _sent = new();

    public sealed record SentTransaction(string Body, IReadOnlyDictionary<string, string> Headers);

    public IReadOnlyList<SentTransaction> Requests => [.. _sent];

    public IReadOnlyList<string> Sent => [.. _sent.Select(t => t.Body)];

    public void Clear() => _sent.Clear();

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
        if (!message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || message.Request.Content is not { } content)
            return;
        using var body = new MemoryStream();
        content.WriteTo(body, message.CancellationToken);
        _sent.Enqueue(new SentTransaction(
            Encoding.UTF8.GetString(body.ToArray()),
            message.Request.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase)));
    }
}
