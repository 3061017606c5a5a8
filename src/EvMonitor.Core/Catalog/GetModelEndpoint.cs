using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;

namespace EvMonitor.Catalog;

/// <summary><c>POST /api/get_model</c>: a model's name from its id.</summary>
public sealed class GetModelEndpoint(ICatalogStore catalog, Authenticator authenticator)
    : CatalogNameEndpoint(authenticator, "model", ErrorCodes.ModelNotFound, "model")
{
    protected override async Task<string?> FindNameAsync(string id, CancellationToken cancellationToken) =>
        (await catalog.FindModelAsync(id, cancellationToken))?.Name;
}
