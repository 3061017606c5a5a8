using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>
/// Counts, in the Azure SDK's own pipeline, the requests that read one table and the entities the
/// service returned to them: a query answers <c>{"value":[…]}</c>, a point read one entity.
/// </summary>
public sealed class RowsReadCounter(string table) : HttpPipelinePolicy
{
    private int _requests;
    private int _rows;

    public int Requests => _requests;
    public int Rows => _rows;

    public void Reset()
    {
        _requests = 0;
        _rows = 0;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Count(message);
    }

    private void Count(HttpMessage message)
    {
        var path = message.Request.Uri.Path;
        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200
            || !(path.EndsWith("/" + table + "()", StringComparison.Ordinal) || path.Contains("/" + table + "(", StringComparison.Ordinal)))
            return;
        Interlocked.Increment(ref _requests);
        using var body = JsonDocument.Parse(message.Response.Content.ToMemory());
        Interlocked.Add(ref _rows, body.RootElement.TryGetProperty("value", out var value) ? value.GetArrayLength() : 1);
    }
}
