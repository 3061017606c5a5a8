using System.Text;
using EvMonitor.Monitoring;
using EvMonitor.Storage;
using Microsoft.Extensions.Logging;

namespace EvMonitor.Api;

/// <summary>What every endpoint shares: POST only, and failures turned into the JSON error form.</summary>
public sealed class ApiPipeline(EvMonitorMetrics metrics, ILogger<ApiPipeline> logger)
{
    public async Task<ApiResult> RunAsync(IApiEndpoint endpoint, ApiRequest request, CancellationToken cancellationToken = default)
    {
        if (!HttpMethods.IsPost(request.Method))
            return ApiResult.Error(405, ErrorCodes.MethodNotAllowed, $"Method {request.Method} is not allowed; every endpoint takes POST.");
        try
        {
            return await endpoint.HandleAsync(request, cancellationToken);
        }
        catch (Exception e) when (StorageOutage.Is(e) || !cancellationToken.IsCancellationRequested)
        {
            return Failure(endpoint, e);
        }
    }

    /// <summary>
    /// The error answer for a failure of <paramref name="endpoint"/>, logged: 503 when storage is
    /// unavailable, else 500. Also used for a file answer that fails before its first byte.
    /// </summary>
    public ApiResult Failure(IApiEndpoint endpoint, Exception e)
    {
        if (StorageOutage.Is(e))
        {
            logger.LogWarning(e, "Storage unavailable while handling {Endpoint}", endpoint.GetType().Name);
            metrics.StorageUnavailable(FunctionName(endpoint.GetType()));
            return ApiResult.StorageUnavailable();
        }
        logger.LogError(e, "Unexpected failure in {Endpoint}", endpoint.GetType().Name);
        return ApiResult.Error(500, ErrorCodes.InternalError, "Something went wrong on our side; nothing was stored. Retry later.");
    }

    /// <summary>
    /// The name of the function that serves an endpoint (<c>GetVehiclesEndpoint</c> → <c>get_vehicles</c>), which
    /// is also its route: a metric tag from a fixed set, never from the request.
    /// </summary>
    public static string FunctionName(Type endpoint)
    {
        var name = endpoint.Name.EndsWith("Endpoint", StringComparison.Ordinal) ? endpoint.Name[..^"Endpoint".Length] : endpoint.Name;
        var snake = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && snake.Length > 0)
                snake.Append('_');
            snake.Append(char.ToLowerInvariant(c));
        }
        return snake.ToString();
    }

    private static class HttpMethods
    {
        public static bool IsPost(string method) => string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase);
    }
}
