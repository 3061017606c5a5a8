using EvMonitor.Api;
using EvMonitor.Auth;

namespace EvMonitor.Catalog;

/// <summary>What <c>get_make</c> and <c>get_model</c> share: a token, one id field, and the name behind it.</summary>
public abstract class CatalogNameEndpoint(Authenticator authenticator, string idField, string notFoundCode, string what) : IApiEndpoint
{
    protected abstract Task<string?> FindNameAsync(string id, CancellationToken cancellationToken);

    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, _, failure) = await authenticator.ReadAuthenticatedAsync(request, cancellationToken);
        if (failure is not null)
            return failure;

        var errors = new List<FieldError>();
        var id = RequestFields.Required(fields!, idField, errors);
        if (errors.Count > 0)
            return ApiResult.Invalid(errors);
        var name = await FindNameAsync(id!, cancellationToken);
        return name is null
            ? ApiResult.Error(404, notFoundCode, $"No {what} has the id '{id}'.")
            : ApiResult.Ok(new NameAnswer(name));
    }
}
