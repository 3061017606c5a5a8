using Azure.Data.Tables;
using EvMonitor.Domain;

namespace EvMonitor.Storage;

/// <summary>Tokens keyed by their SHA-256: the token itself is never stored.</summary>
public sealed class TableTokenStore(StorageClients storage) : ITokenStore
{
    private readonly TableClient _table = storage.Table(storage.Names.Tokens);

    public Task AddAsync(SessionToken token, CancellationToken cancellationToken = default) =>
        _table.AddEntityAsync(new TableEntity(token.TokenHash, "")
        {
            ["UserId"] = token.UserId,
            ["ExpiresAt"] = token.ExpiresAt,
        }, cancellationToken);

    public async Task<SessionToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(tokenHash, "", cancellationToken: cancellationToken);
        return found.HasValue
            ? new SessionToken(found.Value!.PartitionKey, found.Value.GetString("UserId"), found.Value.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue)
            : null;
    }
}
