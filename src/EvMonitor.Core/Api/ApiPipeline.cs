using EvMonitor.Storage;
using Microsoft.Extensions.Logging;

namespace EvMonitor.Api;

/// <summary>What every endpoint shares: POST only, and failures turned into the JSON error form.</summary>
public sealed class ApiPipeline(ILogger<ApiPipeline> logger)
{
    public async Task<ApiResult> RunAsync(IApiEndpoint endpoint, ApiRequest request, CancellationToken cancellationToken = default)
    {
        if (!HttpMethods.IsPost(request.Method))
            return ApiResult.Error(405, ErrorCodes.MethodNotAllowed, $"Method {request.Method} is not allowed; every endpoint takes POST.");
        try
        {
            return await endpoint.HandleAsync(request, cancellationToken);
        }
        catch (Exception e) when (StorageOutage.Is(e))
        {
            logger.LogWarning(e, "Storage unavailable while handling {Endpoint}", endpoint.GetType().Name);
            return ApiResult.StorageUnavailable();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Unexpected failure in {Endpoint}", endpoint.GetType().Name);
            return ApiResult.Error(500, ErrorCodes.InternalError, "Something went wrong on our side; nothing was stored. Retry later.");
        }
    }

    private static class HttpMethods
    {
        public static bool IsPost(string method) => string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase);
    }
}
