namespace EvMonitor.Api;

/// <summary>
/// An answer that is a file rather than JSON (<c>export</c>): written to the response body as it is
/// read, so that its size does not have to be known, or held, first.
/// </summary>
/// <param name="ContentType">The <c>Content-Type</c> of the file (<c>text/csv; charset=utf-8</c>).</param>
/// <param name="FileName">The name the <c>Content-Disposition: attachment</c> header gives it.</param>
/// <param name="WriteAsync">
/// Writes the file. It writes nothing before its first read from storage has succeeded, so that a
/// failure there can still be answered with the usual JSON error; a failure after the first byte
/// cannot change the status any more, and the HTTP edge then aborts the connection.
/// </param>
public sealed record FileAnswer(string ContentType, string FileName, Func<Stream, CancellationToken, Task> WriteAsync);
