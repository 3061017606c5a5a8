using Azure;
using Azure.Data.Tables;
using EvMonitor.Domain;
using Microsoft.Extensions.Caching.Memory;

namespace EvMonitor.Storage;

/// <summary>
/// Tokens keyed by their SHA-256: the token itself is never stored. A token never changes once
/// issued, so one found is kept in memory for a minute, never past its expiry: an app pushing every
/// few seconds then costs one read a minute rather than one per push. (Should tokens ever be revoked
/// before they expire, the revocation has to reach this cache too.)
/// </summary>
public sealed class TableTokenStore(StorageClients storage) : ITokenStore
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);

    private readonly TableClient _table = storage.Table(storage.Names.Tokens);
    private readonly MemoryCache _found = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public Task AddAsync(SessionToken token, CancellationToken cancellationToken = default) =>
        _table.AddEntityAsync(new TableEntity(token.TokenHash, "")
        {
            ["UserId"] = token.UserId,
            ["ExpiresAt"] = token.ExpiresAt,
        }, cancellationToken);

    public async Task<SessionToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        if (_found.TryGetValue(tokenHash, out SessionToken? known))
            return known;
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(tokenHash, "", cancellationToken: cancellationToken);
        if (!found.HasValue)
            return null; // not kept: the token may be about to be added
        var token = new SessionToken(found.Value!.PartitionKey, found.Value.GetString("UserId"), found.Value.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue);
        var keepUntil = DateTimeOffset.UtcNow + KeepFor;
        if (token.ExpiresAt > DateTimeOffset.UtcNow)
            _found.Set(tokenHash, token, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = token.ExpiresAt < keepUntil ? token.ExpiresAt : keepUntil });
        return token;
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
