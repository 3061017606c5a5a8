using EvMonitor.Api;
using EvMonitor.Auth;

namespace EvMonitor.Login;

/// <summary><c>POST /api/logout</c>: revokes the token it is called with, on every instance at once.</summary>
public sealed class LogoutEndpoint(Authenticator authenticator) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, _, failure) = await authenticator.ReadAuthenticatedAsync(request, cancellationToken);
        if (failure is not null)
            return failure;
        // The token that authenticated: the body field, else the bearer header.
        var token = string.IsNullOrEmpty(fields!["token"]) ? request.BearerToken! : fields["token"]!;
        await authenticator.RevokeAsync(token, cancellationToken);
        return ApiResult.Ok();
    }
}
