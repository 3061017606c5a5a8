using System.Text.Json.Nodes;
using EvMonitor.Api;

namespace EvMonitor.Accounts;

/// <summary><c>POST /api/register</c>: a new account from an e-mail address and a password; no token needed.</summary>
public sealed class RegisterEndpoint(AccountService accounts) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, failure) = await RequestFields.ReadAsync(request);
        if (failure is not null)
            return failure;
        var (user, refused) = await accounts.CreateUserAsync(fields!["username"], fields["password"], fields["name"], cancellationToken);
        return refused ?? ApiResult.Ok(new JsonObject { ["user_id"] = user!.UserId });
    }
}
