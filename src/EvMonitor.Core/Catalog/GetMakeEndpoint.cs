using System.Text.Json.Nodes;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;

namespace EvMonitor.Catalog;

/// <summary><c>POST /api/get_make</c>: a make's name from its id.</summary>
public sealed class GetMakeEndpoint(ICatalogStore catalog, Authenticator authenticator) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, failure) = await RequestFields.ReadAsync(request);
        if (failure is not null)
            return failure;
        var (_, denied) = await authenticator.AuthenticateAsync(fields!["token"], request.BearerToken, cancellationToken);
        if (denied is not null)
            return denied;

        var errors = new List<FieldError>();
        var makeId = RequestFields.Required(fields, "make", errors);
        if (errors.Count > 0)
            return ApiResult.Invalid(errors);
        var make = await catalog.FindMakeAsync(makeId!, cancellationToken);
        return make is null
            ? ApiResult.Error(404, ErrorCodes.MakeNotFound, $"No make has the id '{makeId}'.")
            : ApiResult.Ok(new JsonObject { ["name"] = make.Name });
    }
}
