using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;

namespace EvMonitor.Catalog;

/// <summary><c>POST /api/get_makes</c>: every make in the catalog, by name, for an app to offer as a list.</summary>
public sealed class GetMakesEndpoint(ICatalogStore catalog, Authenticator authenticator) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (_, _, failure) = await authenticator.ReadAuthenticatedAsync(request, cancellationToken);
        if (failure is not null)
            return failure;

        var makes = await catalog.ListMakesAsync(cancellationToken);
        return ApiResult.Ok(new MakesAnswer([.. makes.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase)]));
    }
}
