using EvMonitor.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace EvMonitor.Functions;

/// <summary>
/// Writes a <see cref="FileAnswer"/> as it is produced: 200 with the file's content type and a
/// <c>Content-Disposition: attachment</c> name, the body sent chunked as it is written.
/// </summary>
/// <param name="failure">The JSON error answer for an exception (and its log line).</param>
public sealed class FileActionResult(FileAnswer file, Func<Exception, ApiResult> failure) : IActionResult
{
    public FileAnswer File { get; } = file;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = File.ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = File.FileName }.ToString();
        response.Headers.CacheControl = "no-store";
        try
        {
            await File.WriteAsync(response.Body, http.RequestAborted);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            var error = failure(e);
            if (!response.HasStarted)
            {
                // Nothing of the file went out yet: the usual JSON error, 503 when storage failed.
                response.Clear();
                await new ApiActionResult(error).ExecuteResultAsync(context);
                return;
            }
            // The 200 and part of the file are out. Ending the connection without the closing chunk
            // makes every HTTP client report the download as failed, rather than keep a file that
            // looks complete but is not.
            http.Abort();
        }
    }
}
