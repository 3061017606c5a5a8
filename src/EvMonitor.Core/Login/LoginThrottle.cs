using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using EvMonitor.Storage;
using Microsoft.Extensions.Logging;

namespace EvMonitor.Login;

/// <summary>
/// Slows down password guessing. Failed logins are counted per e-mail address and per client
/// address; once a count reaches its limit the key is locked, first for
/// <see cref="LoginThrottleOptions.FirstLockout"/>, doubling with each further failure up to
/// <see cref="LoginThrottleOptions.MaxLockout"/>, and forgotten after a quiet
/// <see cref="LoginThrottleOptions.Window"/>. A success clears the e-mail's count, not the
/// client address's: otherwise one valid account would let its owner guess at others without end.
/// An e-mail without an account is counted exactly like one with, so the answers tell nothing about
/// which accounts exist.
/// </summary>
public sealed class LoginThrottle(ILoginThrottleStore store, LoginThrottleOptions options, TimeProvider clock, ILogger<LoginThrottle> logger)
{
    /// <summary>Attempts at an update that lost a race before the failure is let go uncounted.</summary>
    private const int MaxWriteAttempts = 3;

    /// <summary>What the throttle knew about one login before it was checked; hand it back with the outcome.</summary>
    public sealed class Check
    {
        internal Check(Key account, Key? address, TimeSpan? retryAfter)
        {
            Account = account;
            Address = address;
            RetryAfter = retryAfter;
        }

        internal Key Account { get; }
        internal Key? Address { get; }

        /// <summary>Set when the login must not be tried now: how long the caller has to wait.</summary>
        public TimeSpan? RetryAfter { get; }
    }

    internal sealed record Key(string Name, int Limit, LoginThrottleState? State);

    /// <summary>Reads the e-mail's and the client address's state; costs no password hashing.</summary>
    public async Task<Check> CheckAsync(string email, string? clientAddress, CancellationToken cancellationToken = default)
    {
        var accountKey = AccountKey(email);
        var addressKey = clientAddress is null ? null : AddressKey(clientAddress);
        var accountRead = store.FindAsync(accountKey, cancellationToken);
        var addressRead = addressKey is null ? Task.FromResult<LoginThrottleState?>(null) : store.FindAsync(addressKey, cancellationToken);
        await Task.WhenAll(accountRead, addressRead);

        var now = clock.GetUtcNow();
        var account = new Key(accountKey, options.AccountFailures, Current(await accountRead, now));
        var address = addressKey is null ? null : new Key(addressKey, options.AddressFailures, Current(await addressRead, now));
        var lockedUntil = Max(account.State?.LockedUntil, address?.State?.LockedUntil);
        return new Check(account, address, lockedUntil > now ? lockedUntil.Value - now : null);
    }

    /// <summary>Counts a failed login against both keys.</summary>
    public Task RecordFailureAsync(Check check, CancellationToken cancellationToken = default) =>
        check.Address is null
            ? CountFailureAsync(check.Account, cancellationToken)
            : Task.WhenAll(CountFailureAsync(check.Account, cancellationToken), CountFailureAsync(check.Address, cancellationToken));

    /// <summary>Clears the e-mail's failures after a successful login.</summary>
    public Task RecordSuccessAsync(Check check, CancellationToken cancellationToken = default) =>
        check.Account.State?.ETag is null ? Task.CompletedTask : store.DeleteAsync(check.Account.Name, cancellationToken);

    private async Task CountFailureAsync(Key key, CancellationToken cancellationToken)
    {
        var state = key.State;
        for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
        {
            var now = clock.GetUtcNow();
            var failures = (Current(state, now)?.Failures ?? 0) + 1;
            var lockedUntil = failures >= key.Limit ? now + Lockout(failures - key.Limit) : DateTimeOffset.MinValue;
            // The stored ETag is kept even when the state has expired: the row is replaced, not added.
            if (await store.TryWriteAsync(key.Name, new LoginThrottleState(failures, now, lockedUntil, state?.ETag), cancellationToken))
                return;
            state = await store.FindAsync(key.Name, cancellationToken);
        }
        // Only many logins for the same key at the same moment get here; they are already being counted.
        logger.LogWarning("Login throttle key {Key} changed under {Attempts} updates in a row; one failure is not counted", key.Name, MaxWriteAttempts);
    }

    /// <summary>The state, or null once it is older than the window (a stored row keeps its ETag via <see cref="Key"/>).</summary>
    private LoginThrottleState? Current(LoginThrottleState? state, DateTimeOffset now)
    {
        if (state is null)
            return null;
        var quietSince = state.LockedUntil > state.LastFailureAt ? state.LockedUntil : state.LastFailureAt;
        return now - quietSince >= options.Window ? state with { Failures = 0, LockedUntil = DateTimeOffset.MinValue } : state;
    }

    /// <summary>FirstLockout · 2^<paramref name="step"/>, at most MaxLockout.</summary>
    private TimeSpan Lockout(int step)
    {
        var lockout = options.FirstLockout;
        for (var i = 0; i < step && lockout < options.MaxLockout; i++)
            lockout += lockout;
        return lockout < options.MaxLockout ? lockout : options.MaxLockout;
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>
    /// Keys are hashed: short and valid as table keys whatever was typed, and the e-mail addresses
    /// people mistype are not kept in the clear.
    /// </summary>
    public static string AccountKey(string email) => "account-" + Hash(TableUserStore.EmailKey(email));

    /// <summary>An IPv6 client is counted by its /64, the block one subscriber is given.</summary>
    public static string AddressKey(string clientAddress)
    {
        var text = clientAddress.Trim();
        if (IPAddress.TryParse(text, out var ip))
        {
            if (ip.IsIPv4MappedToIPv6)
                ip = ip.MapToIPv4();
            if (ip.AddressFamily == AddressFamily.InterNetworkV6)
            {
                var bytes = ip.GetAddressBytes();
                Array.Clear(bytes, 8, 8);
                text = new IPAddress(bytes) + "/64";
            }
            else
            {
                text = ip.ToString();
            }
        }
        return "address-" + Hash(text);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
