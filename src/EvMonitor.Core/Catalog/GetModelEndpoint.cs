using System.Text.Json.Nodes;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Storage;

namespace EvMonitor.Catalog;

/// <summary><c>POST /api/get_model</c>: a model's name from its id.</summary>
public sealed class GetModelEndpoint(ICatalogStore catalog, Authenticator authenticator) : IApiEndpoint
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
        var modelId = RequestFields.Required(fields, "model", errors);
        if (errors.Count > 0)
            return ApiResult.Invalid(errors);
        var model = await catalog.FindModelAsync(modelId!, cancellationToken);
        return model is null
            ? ApiResult.Error(404, ErrorCodes.ModelNotFound, $"No model has the id '{modelId}'.")
            : ApiResult.Ok(new JsonObject { ["name"] = model.Name });
    }
}
