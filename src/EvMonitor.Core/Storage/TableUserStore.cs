using Azure;
using Azure.Data.Tables;
using EvMonitor.Domain;

namespace EvMonitor.Storage;

/// <summary>Users keyed by their e-mail address, lowercased: login is one point read.</summary>
public sealed class TableUserStore(StorageClients storage) : IUserStore
{
    private readonly TableClient _table = storage.Table(storage.Names.Users);

    /// <summary>Lowercase and escaped, since '/', '\', '#' and '?' are not allowed in keys.</summary>
    public static string EmailKey(string email) => Uri.EscapeDataString(email.Trim().ToLowerInvariant());

    public async Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var found = await FindRowAsync(email, cancellationToken);
        return found is null || found.GetBoolean("Deleted") == true ? null : ToUser(found);
    }

    public async Task<User?> MarkDeletedAsync(string email, CancellationToken cancellationToken = default)
    {
        var found = await FindRowAsync(email, cancellationToken);
        if (found is null)
            return null;
        await _table.UpdateEntityAsync(new TableEntity(found.PartitionKey, "") { ["Deleted"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        return ToUser(found);
    }

    public async Task DeleteAsync(string email, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.DeleteEntityAsync(EmailKey(email), "", ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    private async Task<TableEntity?> FindRowAsync(string email, CancellationToken cancellationToken)
    {
        var key = EmailKey(email);
        if (!TableKeys.CanBeKey(key))
            return null; // registration refuses such addresses, so no user has one
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(key, "", cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private static User ToUser(TableEntity e) =>
        new(e.GetString("UserId"), e.GetString("Email"), e.GetString("PasswordHash"), e.GetString("Name"), e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);

    public async Task<bool> TryAddAsync(User user, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(EmailKey(user.Email), "")
        {
            ["UserId"] = user.UserId,
            ["Email"] = user.Email,
            ["PasswordHash"] = user.PasswordHash,
            ["Name"] = user.Name,
            ["CreatedAt"] = user.CreatedAt,
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }
}
