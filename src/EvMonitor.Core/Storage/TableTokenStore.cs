using Azure;
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

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // Tokens are keyed by hash, so this reads the whole table: fine once a day, never on a request path.
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"ExpiresAt lt {now}");
        await foreach (var token in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await _table.DeleteEntityAsync(token, ETag.All, cancellationToken);
            deleted++;
        }
        return deleted;
    }
}
