using System.Net;
using System.Net.Http.Headers;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>A body sent chunked, without Content-Length, so the service can only find its size by reading it.</summary>
public sealed class UnknownLengthContent : HttpContent
{
    private readonly byte[] _body;

    public UnknownLengthContent(byte[] body, string contentType)
    {
        _body = body;
        Headers.ContentType = new MediaTypeHeaderValue(contentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_body).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
