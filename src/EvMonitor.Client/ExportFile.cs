namespace EvMonitor.Client;

/// <summary>
/// The file of <c>export</c>, read from the network as the service writes it: nothing is buffered
/// whole. Dispose it to close the connection. When the service fails part-way it aborts the
/// connection, so reading <see cref="Content"/> throws (an <see cref="IOException"/> or
/// <see cref="HttpRequestException"/>) instead of ending early: a file read to its end is complete.
/// </summary>
public sealed class ExportFile : IDisposable, IAsyncDisposable
{
    private readonly HttpResponseMessage _response;

    internal ExportFile(HttpResponseMessage response, Stream content)
    {
        _response = response;
        Content = content;
        FileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        ContentType = response.Content.Headers.ContentType?.ToString();
    }

    /// <summary>The file's bytes.</summary>
    public Stream Content { get; }

    /// <summary>The name the service suggests, e.g. <c>ev-monitor-&lt;vehicle&gt;-20261101T000000Z-20261201T000000Z.csv</c>.</summary>
    public string? FileName { get; }

    /// <summary><c>text/csv; charset=utf-8</c> or <c>application/gpx+xml</c>.</summary>
    public string? ContentType { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Content.Dispose();
        _response.Dispose();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
    }
}
