using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace EvMonitor.Storage;

/// <summary>
/// Sends entity-group transactions to one storage account's Table service, written straight into
/// one pooled buffer. The Azure Tables client builds a whole request object per operation and
/// parses the answer into one response per operation: about 33 KB allocated per row, 1.4 MB for
/// a 10-snapshot message (docs/performance.md), which the queue worker paid on every message. The
/// request is the client's own, byte for byte apart from its boundaries (checked by a test against
/// what the client sends), and so are the outcomes: the same <see cref="TableTransactionFailedException"/>
/// with the failed operation's index.
/// </summary>
/// <remarks>
/// The wire format is the Table service's "Performing entity group transactions" (Azure Storage REST
/// reference): a <c>multipart/mixed</c> batch holding one changeset, one HTTP request per operation,
/// answered by one HTTP response per operation, or by the single one that failed.
/// </remarks>
public sealed class TableTransactions
{
    /// <summary>The version the Azure Tables client (12.13) sends; its JSON and answers are what this class writes and reads.</summary>
    public const string ServiceVersion = "2020-12-06";

    private const string FormatQuery = "?$format=application%2Fjson%3Bodata%3Dminimalmetadata";

    private readonly HttpPipeline _pipeline;
    private readonly string _serviceUri;
    private readonly string _host;
    private readonly string _sas;

    /// <param name="serviceUri">The account's Table service endpoint, without a query.</param>
    /// <param name="sas">A shared access signature to add to the request, without its <c>?</c>; empty when the pipeline authorizes.</param>
    public TableTransactions(HttpPipeline pipeline, Uri serviceUri, string sas = "")
    {
        _pipeline = pipeline;
        _serviceUri = serviceUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _host = serviceUri.Host;
        _sas = sas;
    }

    /// <summary>
    /// The account's transactions over a pipeline built from <paramref name="options"/> (its retries
    /// and added policies, as the account's table client has them), authorized as
    /// <paramref name="connectionString"/> says: with the account key, or with its shared access signature.
    /// </summary>
    /// <exception cref="InvalidOperationException">The connection string holds neither.</exception>
    public static TableTransactions FromConnectionString(string connectionString, TableServiceClient service, TableClientOptions options)
    {
        var parts = ConnectionStringParts(connectionString);
        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var isDevelopment) && isDevelopment)
            parts["AccountKey"] = DevelopmentStorageKey;
        if (parts.TryGetValue("AccountKey", out var key) && key.Length > 0)
            return new TableTransactions(Pipeline(options, new SharedKeyLitePolicy(service.AccountName, key)), service.Uri);
        if (parts.TryGetValue("SharedAccessSignature", out var sas) && sas.Length > 0)
            return new TableTransactions(Pipeline(options, null), service.Uri, sas.TrimStart('?'));
        throw new InvalidOperationException("A storage connection string needs an AccountKey or a SharedAccessSignature.");
    }

    /// <summary>The account's transactions authorized by a Microsoft Entra token for storage, as the Azure Tables client gets one.</summary>
    public static TableTransactions FromCredential(Uri serviceUri, TokenCredential credential, TableClientOptions options) =>
        new(Pipeline(options, new BearerTokenAuthenticationPolicy(credential, StorageScope)), serviceUri);

    /// <summary>
    /// The scope of a token for Azure Storage in the public cloud, the Azure Tables clients' default
    /// audience (<c>TableAudience</c>); <c>TableTransactionsCredentialTests</c> holds it equal to the one the client asks for.
    /// </summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    /// <summary>Azurite's well-known account key (its README), behind <c>UseDevelopmentStorage=true</c>.</summary>
    private const string DevelopmentStorageKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static HttpPipeline Pipeline(TableClientOptions options, HttpPipelinePolicy? authorization) =>
        HttpPipelineBuilder.Build(options, [], authorization is null ? [new StorageDatePolicy()] : [new StorageDatePolicy(), authorization], new ResponseClassifier());

    private static Dictionary<string, string> ConnectionStringParts(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);

    /// <summary>Submits <paramref name="actions"/> (one partition, at most 100) as one transaction.</summary>
    /// <returns>The ETag of each action's row as the transaction left it, in order; none for a deleted row.</returns>
    /// <exception cref="TableTransactionFailedException">An operation failed, and nothing was written.</exception>
    /// <exception cref="RequestFailedException">The service refused the batch itself.</exception>
    public async Task<ETag?[]> SubmitAsync(string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("D");
        var changeset = "changeset_" + Guid.NewGuid().ToString("D");
        var body = new PooledBuffer();
        try
        {
            WriteBody(body, table, actions, batch, changeset);
            using var message = _pipeline.CreateMessage();
            var request = message.Request;
            request.Method = RequestMethod.Post;
            request.Uri.Reset(new Uri(_serviceUri + "/$batch" + (_sas.Length > 0 ? "?" + _sas : "")));
            request.Headers.Add("x-ms-version", ServiceVersion);
            request.Headers.Add("DataServiceVersion", "3.0");
            request.Headers.Add("Accept", "application/json");
            request.Headers.Add("Content-Type", "multipart/mixed; boundary=" + batch);
            request.Content = RequestContent.Create(body.WrittenMemory);
            await _pipeline.SendAsync(message, cancellationToken);
            var response = message.Response;
            if (response.Status != 202)
                throw new RequestFailedException(response);
            return ReadAnswer(response.Content.ToMemory().Span, actions.Count);
        }
        finally
        {
            body.Dispose();
        }
    }

    private void WriteBody(PooledBuffer body, string table, IReadOnlyList<TableTransactionAction> actions, string batch, string changeset)
    {
        body.Write($"--{batch}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n");
        using var json = new Utf8JsonWriter(body);
        foreach (var action in actions)
        {
            var entity = action.Entity;
            var (method, keyed, ifMatch, withBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", false, false, true),
                TableTransactionActionType.UpdateReplace => ("PUT", true, true, true),
                TableTransactionActionType.UpsertReplace => ("PUT", true, false, true),
                TableTransactionActionType.UpdateMerge => ("PATCH", true, true, true),
                TableTransactionActionType.UpsertMerge => ("PATCH", true, false, true),
                TableTransactionActionType.Delete => ("DELETE", true, true, false),
                _ => throw new NotSupportedException($"Transaction action {action.ActionType} is not supported."),
            };
            body.Write($"--{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n{method} {_serviceUri}/{table}");
            if (keyed)
                body.Write($"(PartitionKey='{KeyInUri(entity.PartitionKey)}',RowKey='{KeyInUri(entity.RowKey)}')");
            body.Write($"{FormatQuery} HTTP/1.1\r\nHost: {_host}\r\nx-ms-version: {ServiceVersion}\r\nDataServiceVersion: 3.0\r\n");
            if (ifMatch)
                body.Write($"If-Match: {(action.ETag == default ? ETag.All : action.ETag)}\r\n");
            if (action.ActionType == TableTransactionActionType.Add)
                body.Write("Prefer: return-no-content\r\nAccept: application/json;odata=minimalmetadata\r\nContent-Type: application/json;odata=nometadata\r\n\r\n");
            else if (withBody)
                body.Write("Accept: application/json\r\nContent-Type: application/json\r\n\r\n");
            else
                body.Write("Accept: application/json;odata=minimalmetadata\r\n\r\n");
            if (withBody)
            {
                json.Reset(body);
                WriteEntity(json, entity);
                json.Flush();
            }
            body.Write("\r\n");
        }
        body.Write($"--{changeset}--\r\n\r\n--{batch}--\r\n");
    }

    /// <summary>A key inside the operation's URL: its quotes doubled (OData), then escaped as the client escapes it.</summary>
    private static string KeyInUri(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    /// <summary>
    /// An entity in the Table service's JSON, as the Azure Tables client writes it: types JSON does not
    /// tell apart carry an <c>@odata.type</c> annotation ("Payload format for Table service operations").
    /// </summary>
    private static void WriteEntity(Utf8JsonWriter json, ITableEntity entity)
    {
        json.WriteStartObject();
        json.WriteString("PartitionKey", entity.PartitionKey);
        json.WriteString("RowKey", entity.RowKey);
        foreach (var (name, value) in (TableEntity)entity)
        {
            if (name is "PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")
                continue;
            switch (value)
            {
                case null:
                    json.WriteNull(name);
                    break;
                case string text:
                    json.WriteString(name, text);
                    break;
                case bool flag:
                    json.WriteBoolean(name, flag);
                    break;
                case int number:
                    json.WriteNumber(name, number);
                    break;
                case long number:
                    json.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                    Annotate(json, name, "Edm.Int64");
                    break;
                case double number when double.IsFinite(number):
                    json.WriteNumber(name, number);
                    Annotate(json, name, "Edm.Double");
                    break;
                case double number:
                    json.WriteString(name, double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
                    Annotate(json, name, "Edm.Double");
                    break;
                case DateTimeOffset time:
                    json.WriteString(name, time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                    Annotate(json, name, "Edm.DateTime");
                    break;
                case byte[] bytes:
                    json.WriteBase64String(name, bytes);
                    Annotate(json, name, "Edm.Binary");
                    break;
                case BinaryData data:
                    json.WriteBase64String(name, data.ToMemory().Span);
                    Annotate(json, name, "Edm.Binary");
                    break;
                case Guid id:
                    json.WriteString(name, id);
                    Annotate(json, name, "Edm.Guid");
                    break;
                default:
                    throw new NotSupportedException($"Column {name} has a value of type {value.GetType().Name}, which is not written to tables here.");
            }
        }
        json.WriteEndObject();
    }

    private static void Annotate(Utf8JsonWriter json, string name, string type) => json.WriteString(name + "@odata.type", type);

    /// <summary>
    /// The ETags of a successful changeset, or its one failure as the Azure Tables client reports it:
    /// the failed operation's index leads the error message ("2:The specified resource does not exist.").
    /// </summary>
    private static ETag?[] ReadAnswer(ReadOnlySpan<byte> answer, int count)
    {
        var etags = new ETag?[count];
        var found = 0;
        while (answer.IndexOf("HTTP/1.1 "u8) is var at and >= 0)
        {
            answer = answer[(at + 9)..];
            if (!Utf8Parser.TryParse(answer, out int status, out _))
                throw new InvalidDataException("The Table service's transaction answer has an operation without a status.");
            var headersEnd = answer.IndexOf("\r\n\r\n"u8);
            var headers = headersEnd < 0 ? answer : answer[..headersEnd];
            if (status >= 400)
                throw Failure(status, headersEnd < 0 ? [] : answer[(headersEnd + 4)..]);
            if (found == count)
                throw new InvalidDataException($"The Table service answered more than the {count} operations of the transaction.");
            etags[found++] = Header(headers, "ETag"u8) is { } etag ? new ETag(etag) : null;
            answer = headersEnd < 0 ? [] : answer[(headersEnd + 4)..];
        }
        if (found != count)
            throw new InvalidDataException($"The Table service answered {found} of the {count} operations of the transaction.");
        return etags;
    }

    /// <summary>One header's value, found in place: only the value becomes a string.</summary>
    private static string? Header(ReadOnlySpan<byte> headers, ReadOnlySpan<byte> name)
    {
        while (headers.Length > 0)
        {
            var end = headers.IndexOf("\r\n"u8);
            var line = end < 0 ? headers : headers[..end];
            var colon = line.IndexOf((byte)':');
            if (colon > 0 && Ascii.EqualsIgnoreCase(line[..colon].Trim((byte)' '), name))
                return Encoding.ASCII.GetString(line[(colon + 1)..].Trim((byte)' '));
            headers = end < 0 ? [] : headers[(end + 2)..];
        }
        return null;
    }

    private static TableTransactionFailedException Failure(int status, ReadOnlySpan<byte> rest)
    {
        string? code = null, message = null;
        var end = rest.IndexOf("\r\n--"u8);
        try
        {
            using var error = JsonDocument.Parse(rest[..(end < 0 ? rest.Length : end)].ToArray());
            if (error.RootElement.TryGetProperty("odata.error", out var details))
            {
                code = details.TryGetProperty("code", out var c) ? c.GetString() : null;
                message = details.TryGetProperty("message", out var m) && m.TryGetProperty("value", out var v) ? v.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // No error document: the status alone tells what failed.
        }
        message ??= $"The transaction failed with status {status}.";
        var exception = new RequestFailedException(status, message, code, null);
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            exception.Data["FailedEntity"] = index.ToString(CultureInfo.InvariantCulture);
        return new TableTransactionFailedException(exception);
    }

    /// <summary>A growing buffer of pooled arrays, so that a transaction's body (up to ~100 KB) never lands on the large object heap.</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        private int _written;

        public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

        public void Write(string text)
        {
            var span = GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
            Advance(Encoding.UTF8.GetBytes(text, span));
        }

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _buffer.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _buffer.AsSpan(_written);
        }

        private void Reserve(int sizeHint)
        {
            if (_buffer.Length - _written >= Math.Max(sizeHint, 256))
                return;
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + sizeHint));
            _buffer.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
    }
}
