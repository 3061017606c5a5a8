using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;

namespace EvMonitor.Catalog;

/// <summary><c>POST /api/get_models</c>: the catalog's models, all or one make's (<c>make</c>), by name.</summary>
public sealed class GetModelsEndpoint(ICatalogStore catalog, Authenticator authenticator) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, _, failure) = await authenticator.ReadAuthenticatedAsync(request, cancellationToken);
        if (failure is not null)
            return failure;

        var makeId = fields!["make"];
        if (string.IsNullOrEmpty(makeId))
            makeId = null;
        else if (makeId.Length > ApiLimits.MaxFieldLength)
            return ApiResult.Invalid("make", $"must be at most {ApiLimits.MaxFieldLength} characters");
        // An unknown make is a mistake worth telling apart from a make without models.
        else if (await catalog.FindMakeAsync(makeId, cancellationToken) is null)
            return ApiResult.Error(404, ErrorCodes.MakeNotFound, $"No make has the id '{makeId}'.");

        var models = (await catalog.ListModelsAsync(makeId, cancellationToken))
            .OrderBy(m => m.MakeId, StringComparer.Ordinal)
            .ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase);
        return ApiResult.Ok(new ModelsAnswer([.. models.Select(m => new ModelView(m.Id, m.MakeId, m.Name))]));
    }
}
