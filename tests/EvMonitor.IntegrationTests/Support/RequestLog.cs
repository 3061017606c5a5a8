using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>
/// Every request a client sent, as <c>METHOD resource</c> (the path's last segment, e.g. <c>POST $batch</c>;
/// the emulator's paths start with the account name, Azure's do not), recorded in the Azure SDK's own pipeline.
/// </summary>
public sealed class RequestLog : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<string> _requests = new();

    public IReadOnlyList<string> Requests => [.. _requests];

    public void Clear() => _requests.Clear();

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

    private void Record(HttpMessage message) => _requests.Enqueue($"{message.Request.Method} {message.Request.Uri.Path.Split('/')[^1]}");
}
