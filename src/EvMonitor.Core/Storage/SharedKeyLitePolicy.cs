using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace EvMonitor.Storage;

/// <summary>
/// Signs a Table service request with the account key, as the Azure Tables client does: Shared Key
/// Lite, whose string to sign is the request's <c>x-ms-date</c> and its canonicalized resource,
/// <c>/account/path</c> ("Authorize with Shared Key", Azure Storage REST reference). Runs after
/// <see cref="StorageDatePolicy"/>.
/// </summary>
public sealed class SharedKeyLitePolicy(string accountName, string accountKey) : HttpPipelineSynchronousPolicy
{
    private readonly byte[] _key = Convert.FromBase64String(accountKey);

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.TryGetValue("x-ms-date", out var date);
        var toSign = $"{date}\n/{accountName}{request.Uri.Path}{Comp(request.Uri.Query)}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(toSign)));
        request.Headers.SetValue("Authorization", $"SharedKeyLite {accountName}:{signature}");
    }

    /// <summary>The one query parameter the canonicalized resource keeps.</summary>
    private static string Comp(string query)
    {
        foreach (var parameter in query.TrimStart('?').Split('&'))
        {
            if (parameter.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
                return "?" + parameter;
        }
        return "";
    }
}
