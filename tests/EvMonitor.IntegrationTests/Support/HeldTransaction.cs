using Azure.Core;
using Azure.Core.Pipeline;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>
/// Holds the first entity-group transaction a client sends (<c>POST …/$batch</c>) in the Azure SDK's
/// pipeline, before it leaves, until the test releases it: what is started meanwhile waits behind it,
/// as it does behind a transaction under way.
/// </summary>
public sealed class HeldTransaction : HttpPipelinePolicy
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>Completes when the transaction is being held.</summary>
    public Task Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    /// <summary>Not held: the service writes asynchronously.</summary>
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessNext(message, pipeline);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Exchange(ref _held, 1) == 0)
        {
            _arrived.TrySetResult();
            await _released.Task;
        }
        await ProcessNextAsync(message, pipeline);
    }
}
