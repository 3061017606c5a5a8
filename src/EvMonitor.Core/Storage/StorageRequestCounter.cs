using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using EvMonitor.Monitoring;

namespace EvMonitor.Storage;

/// <summary>
/// Counts every request the service's table and queue clients send, each retry included (storage bills
/// every attempt), on <see cref="EvMonitorMetrics"/> by kind and by table or queue: what the service
/// costs in storage transactions. The Functions host's own queue requests (the trigger's receives
/// and deletes) go through the host's clients, not these, and are not counted here.
/// </summary>
public sealed class StorageRequestCounter(EvMonitorMetrics metrics, bool queues) : HttpPipelinePolicy
{
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
        var (kind, resource) = queues ? QueueRequest(message) : TableRequest(message.Request);
        metrics.StorageRequest(kind, resource);
    }

    /// <summary>Queue paths end <c>/{queue}/messages</c> or <c>/{queue}/messages/{id}</c>.</summary>
    private static (string Kind, string Resource) QueueRequest(HttpMessage message)
    {
        var request = message.Request;
        var segments = request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.LastIndexOf(segments, "messages");
        if (at < 1)
            return (StorageRequestKinds.Other, segments.LastOrDefault() ?? "");
        var queue = segments[at - 1];
        var onOneMessage = at < segments.Length - 1;
        var method = request.Method;
        if (method == RequestMethod.Post)
            return (StorageRequestKinds.Enqueue, queue);
        if (method == RequestMethod.Get && !request.Uri.Query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase))
            return (ReceivedNothing(message) ? StorageRequestKinds.GetMessagesEmpty : StorageRequestKinds.GetMessages, queue);
        if (method == RequestMethod.Delete && onOneMessage)
            return (StorageRequestKinds.DeleteMessage, queue);
        return (StorageRequestKinds.Other, queue);
    }

    /// <summary>A receive that found no message answers an empty <c>QueueMessagesList</c>.</summary>
    private static bool ReceivedNothing(HttpMessage message) =>
        message.HasResponse && message.Response.Status == 200
        && message.Response.Content.ToMemory().Span.IndexOf("<QueueMessage>"u8) < 0;

    /// <summary>
    /// Table paths end <c>/{table}</c>, <c>/{table}()</c>, <c>/{table}(PartitionKey='…',RowKey='…')</c>,
    /// <c>/Tables…</c> (the tables themselves) or <c>/$batch</c> (an entity-group transaction, whose
    /// table is named in the first operation of its body).
    /// </summary>
    private static (string Kind, string Resource) TableRequest(Request request)
    {
        var path = request.Uri.Path;
        var last = path[(path.LastIndexOf('/') + 1)..];
        if (last == "$batch")
            return (StorageRequestKinds.Transaction, TransactionTable(request));
        var paren = last.IndexOf('(');
        var table = paren < 0 ? last : last[..paren];
        if (table == "Tables")
            return (StorageRequestKinds.Other, table);
        var oneEntity = paren >= 0 && last.Length > paren + 2;
        var method = request.Method;
        if (method == RequestMethod.Get)
            return (oneEntity ? StorageRequestKinds.TableRead : StorageRequestKinds.TableQuery, table);
        if (method == RequestMethod.Post || (oneEntity && (method == RequestMethod.Put || method == RequestMethod.Patch || method == RequestMethod.Delete || method.Method == "MERGE")))
            return (StorageRequestKinds.SingleWrite, table);
        return (StorageRequestKinds.Other, table);
    }

    /// <summary>The first operation's request line (<c>POST https://…/{table} HTTP/1.1</c>) is within the body's first few hundred bytes.</summary>
    private static string TransactionTable(Request request)
    {
        if (request.Content is null)
            return "";
        using var head = new HeadStream(4096);
        request.Content.WriteTo(head, CancellationToken.None);
        var text = Encoding.ASCII.GetString(head.Captured);
        var end = text.IndexOf(" HTTP/1.1", StringComparison.Ordinal);
        if (end < 0)
            return "";
        var start = text.LastIndexOf(' ', end - 1) + 1;
        var path = new Uri(text[start..end]).AbsolutePath;
        var last = path[(path.LastIndexOf('/') + 1)..];
        var paren = last.IndexOf('(');
        return paren < 0 ? last : last[..paren];
    }

    /// <summary>Keeps the first bytes written to it and drops the rest.</summary>
    private sealed class HeadStream(int capacity) : Stream
    {
        private readonly byte[] _buffer = new byte[capacity];
        private int _length;

        public ReadOnlySpan<byte> Captured => _buffer.AsSpan(0, _length);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var take = Math.Min(buffer.Length, _buffer.Length - _length);
            buffer[..take].CopyTo(_buffer.AsSpan(_length));
            _length += take;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
