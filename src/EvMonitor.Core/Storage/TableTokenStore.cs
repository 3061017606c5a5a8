using Azure;
using Azure.Data.Tables;
using EvMonitor.Domain;

namespace EvMonitor.Storage;

/// <summary>
/// Tokens keyed by their SHA-256: the token itself is never stored. Every authenticated request reads
/// its token's row (one point read), none is remembered: a revoked token (logout, a deleted user)
/// stops working on every instance at once.
/// </summary>
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

    public async Task DeleteAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.DeleteEntityAsync(tokenHash, "", ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    public Task<int> DeleteAllOfUserAsync(string userId, CancellationToken cancellationToken = default) =>
        // Tokens are keyed by hash, so this reads the whole table: an operator's command, never a request path.
        DeleteWhereAsync(TableClient.CreateQueryFilter($"UserId eq {userId}"), cancellationToken);

    public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        // Tokens are keyed by hash, so this reads the whole table: fine once a day, never on a request path.
        DeleteWhereAsync(TableClient.CreateQueryFilter($"ExpiresAt lt {now}"), cancellationToken);

    private async Task<int> DeleteWhereAsync(string filter, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var token in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await DeleteAsync(token.PartitionKey, cancellationToken);
            deleted++;
        }
        return deleted;
    }
}
