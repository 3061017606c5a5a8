using EvMonitor.Api;

namespace EvMonitor.Auth;

public static class AuthenticatedFields
{
    /// <summary>The body's fields and the user its token (body field, else bearer header) belongs to, or the answer to give instead.</summary>
    public static async Task<(FieldBag? Fields, string? UserId, ApiResult? Failure)> ReadAuthenticatedAsync(
        this Authenticator authenticator, ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, failure) = await RequestFields.ReadAsync(request);
        if (failure is not null)
            return (null, null, failure);
        var (userId, rejection) = await authenticator.AuthenticateAsync(fields!["token"], request.BearerToken, cancellationToken);
        return rejection is { } refused ? (null, null, Refusals.Token(refused)) : (fields, userId, null);
    }
}
