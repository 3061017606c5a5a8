using EvMonitor.Storage;
using EvMonitor.Throttling;

namespace EvMonitor.Login;

/// <summary>
/// Slows down password guessing. Logins are counted per e-mail address and per client address
/// before the password is checked (<see cref="AttemptCounter"/>); once a count reaches its limit the
/// key is locked, first for <see cref="LoginThrottleOptions.FirstLockout"/>, doubling with each
/// further failure up to <see cref="LoginThrottleOptions.MaxLockout"/>, and forgotten after a quiet
/// <see cref="LoginThrottleOptions.Window"/>. A success clears the e-mail's count and takes back its
/// own count on the client address, but not the address's earlier failures: otherwise one valid
/// account would let its owner guess at others without end. An e-mail without an account is counted
/// exactly like one with, so the answers tell nothing about which accounts exist.
/// </summary>
public sealed class LoginThrottle(AttemptCounter counter, LoginThrottleOptions options)
{
    /// <summary>The login's counted attempt; hand it back when the login succeeds.</summary>
    public sealed class Check
    {
        internal Check(AttemptCounter.Reservation? account, AttemptCounter.Reservation? address, TimeSpan? retryAfter)
        {
            Account = account;
            Address = address;
            RetryAfter = retryAfter;
        }

        internal AttemptCounter.Reservation? Account { get; }
        internal AttemptCounter.Reservation? Address { get; }

        /// <summary>Set when the login must not be tried now: how long the caller has to wait.</summary>
        public TimeSpan? RetryAfter { get; }
    }

    /// <summary>
    /// Counts the login against the e-mail and the client address as a failure, unless either is
    /// locked; costs no password hashing. A refused login is counted against neither.
    /// </summary>
    public async Task<Check> ReserveAsync(string email, string? clientAddress, CancellationToken cancellationToken = default)
    {
        var account = await counter.ReserveAsync(AccountKey(email), options.AccountRule, cancellationToken);
        if (account.RetryAfter is { } accountWait)
            return new Check(null, null, accountWait);
        if (clientAddress is null)
            return new Check(account, null, null);
        var address = await counter.ReserveAsync(AddressKey(clientAddress), options.AddressRule, cancellationToken);
        if (address.RetryAfter is not { } addressWait)
            return new Check(account, address, null);
        await counter.ReleaseAsync(account, cancellationToken);
        return new Check(null, null, addressWait);
    }

    /// <summary>After a successful login: clears the e-mail's count and takes this login back from the address's.</summary>
    public async Task RecordSuccessAsync(Check check, CancellationToken cancellationToken = default)
    {
        if (check.Account is null)
            return;
        await counter.ClearAsync(check.Account.Key, cancellationToken);
        if (check.Address is not null)
            await counter.ReleaseAsync(check.Address, cancellationToken);
    }

    /// <summary>Hashed (see <see cref="ThrottleKeys"/>), as login compares e-mail addresses.</summary>
    public static string AccountKey(string email) => "account-" + ThrottleKeys.Hash(TableUserStore.EmailKey(email));

    public static string AddressKey(string clientAddress) => ThrottleKeys.ClientAddress("address-", clientAddress);
}
