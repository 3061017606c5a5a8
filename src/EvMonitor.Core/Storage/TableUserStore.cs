using System.Text;
using Azure;
using Azure.Data.Tables;
using EvMonitor.Domain;

namespace EvMonitor.Storage;

/// <summary>Users keyed by their e-mail address, normalized and lowercased: login is one point read.</summary>
public sealed class TableUserStore(StorageClients storage) : IUserStore
{
    private readonly TableClient _table = storage.Table(storage.Names.Users);

    /// <summary>
    /// Trimmed and in Unicode normalization form KC, so that one address typed in two forms (a
    /// precomposed 'é' or 'e' and a combining accent, a fullwidth '＠') is one address; null when
    /// the text is not valid Unicode (a lone surrogate), which no address can be.
    /// </summary>
    public static string? NormalizeEmail(string email)
    {
        try
        {
            return email.Trim().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Normalized, lowercased and escaped, since '/', '\', '#' and '?' are not allowed in keys. For
    /// an address already in form KC (every ASCII one) this is the key it has always had.
    /// </summary>
    public static string EmailKey(string email) => Uri.EscapeDataString((NormalizeEmail(email) ?? email.Trim()).ToLowerInvariant());

    /// <summary>The key before addresses were normalized: only lowercased.</summary>
    private static string UnnormalizedKey(string email) => Uri.EscapeDataString(email.Trim().ToLowerInvariant());

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
        var found = await FindAsync(key, cancellationToken);
        // An account registered before addresses were normalized, under an address not in form KC,
        // is still found by the address as it was registered.
        if (found is null && UnnormalizedKey(email) is var unnormalized && unnormalized != key)
            found = await FindAsync(unnormalized, cancellationToken);
        return found;
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

    private async Task<TableEntity?> FindAsync(string key, CancellationToken cancellationToken)
    {
        if (!TableKeys.CanBeKey(key))
            return null; // registration refuses such addresses, so no user has one
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(key, "", cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
