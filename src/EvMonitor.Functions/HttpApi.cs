using EvMonitor.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace EvMonitor.Functions;

/// <summary>The HTTP edge of every endpoint: reads the request into an <see cref="ApiRequest"/>, writes the <see cref="ApiResult"/> back.</summary>
public sealed class HttpApi(ApiPipeline pipeline)
{
    public async Task<IActionResult> RunAsync(HttpRequest request, IApiEndpoint endpoint)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var body = await ReadBodyAsync(request, cancellationToken);
        var result = body is null
            ? ApiResult.Error(413, ErrorCodes.PayloadTooLarge, $"The body is larger than {ApiLimits.MaxBodyBytes} bytes (1 MiB).")
            : await pipeline.RunAsync(endpoint, new ApiRequest(
                request.Method,
                request.ContentType,
                body.Value,
                BearerToken(request),
                request.HttpContext.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        return result.File is { } file ? new FileActionResult(file, e => pipeline.Failure(endpoint, e)) : new ApiActionResult(result);
    }

    /// <summary>Null when the body passes the limit; it is never read past it.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ApiLimits.MaxBodyBytes)
            return null;
        var buffer = new MemoryStream(request.ContentLength is > 0 and var n ? (int)n : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ApiLimits.MaxBodyBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }
}

/// <summary>Writes an <see cref="ApiResult"/> as <c>application/json; charset=utf-8</c>, under any host that runs ASP.NET Core results.</summary>
public sealed class ApiActionResult(ApiResult result) : IActionResult
{
    public ApiResult Result { get; } = result;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = Result.Status;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        if (Result.RetryAfter is { } retryAfter)
            response.Headers[HeaderNames.RetryAfter] = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Result.Status == StatusCodes.Status405MethodNotAllowed)
            response.Headers.Allow = Result.Allow;
        await ApiJsonContext.WriteAsync(response.Body, Result.Body, context.HttpContext.RequestAborted);
    }
}
