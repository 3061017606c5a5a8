using Azure;
using Azure.Data.Tables;

namespace EvMonitor.Storage;

/// <summary>One row per throttle key (partition = the key), updated only under its ETag.</summary>
public sealed class TableLoginThrottleStore(StorageClients storage) : ILoginThrottleStore
{
    private readonly TableClient _table = storage.Table(storage.Names.LoginThrottle);

    public async Task<LoginThrottleState?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(key, "", cancellationToken: cancellationToken);
        if (!found.HasValue)
            return null;
        var e = found.Value!;
        return new LoginThrottleState(
            e.GetInt32("Failures") ?? 0,
            e.GetDateTimeOffset("LastFailureAt") ?? DateTimeOffset.MinValue,
            e.GetDateTimeOffset("LockedUntil") ?? DateTimeOffset.MinValue,
            e.ETag.ToString());
    }

    public async Task<bool> TryWriteAsync(string key, LoginThrottleState state, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(key, "")
        {
            ["Failures"] = state.Failures,
            ["LastFailureAt"] = state.LastFailureAt,
            ["LockedUntil"] = state.LockedUntil,
        };
        try
        {
            if (state.ETag is null)
                await _table.AddEntityAsync(entity, cancellationToken);
            else
                await _table.UpdateEntityAsync(entity, new ETag(state.ETag), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            // 409: added meanwhile; 412: changed meanwhile; 404: deleted meanwhile (a successful login).
            return false;
        }
    }

    public async Task<int> DeleteStaleAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        var filter = TableClient.CreateQueryFilter($"LastFailureAt lt {before}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            await DeleteAsync(row.PartitionKey, cancellationToken);
            deleted++;
        }
        return deleted;
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.DeleteEntityAsync(key, "", ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}
