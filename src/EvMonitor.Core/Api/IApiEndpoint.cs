namespace EvMonitor.Api;

/// <summary>One API endpoint's behaviour, free of any hosting concern.</summary>
public interface IApiEndpoint
{
    Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default);
}
