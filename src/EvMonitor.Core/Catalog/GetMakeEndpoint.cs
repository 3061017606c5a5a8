using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;

namespace EvMonitor.Catalog;

/// <summary><c>POST /api/get_make</c>: a make's name from its id.</summary>
public sealed class GetMakeEndpoint(ICatalogStore catalog, Authenticator authenticator)
    : CatalogNameEndpoint(authenticator, "make", ErrorCodes.MakeNotFound, "make")
{
    protected override async Task<string?> FindNameAsync(string id, CancellationToken cancellationToken) =>
        (await catalog.FindMakeAsync(id, cancellationToken))?.Name;
}
