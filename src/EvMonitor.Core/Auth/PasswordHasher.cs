using System.Diagnostics;
using System.Security.Cryptography;

namespace EvMonitor.Auth;

/// <summary>
/// PBKDF2-HMAC-SHA256 with a random 16-byte salt. The work factor is stored with each hash
/// (<c>pbkdf2-sha256$600000$salt$hash</c>), so it can be raised later without breaking old hashes.
/// </summary>
public sealed class PasswordHasher
{
    /// <summary>OWASP's Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly int _iterations;
    private readonly Lazy<string> _decoy;
    private readonly Lock _timing = new();
    private TimeSpan _typicalHashTime;

    public PasswordHasher(int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        _iterations = iterations;
        _decoy = new Lazy<string>(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(18))));
    }

    public string Hash(string password)
    {
        var started = Stopwatch.GetTimestamp();
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, _iterations, HashAlgorithmName.SHA256, HashBytes);
        RecordHashTime(Stopwatch.GetElapsedTime(started));
        return $"{Scheme}${_iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations < 1)
            return false;
        // A damaged stored hash fails the login rather than the request; an empty one must not match everything.
        var salt = FromBase64(parts[2]);
        var expected = FromBase64(parts[3]);
        if (salt is null || expected is not { Length: HashBytes })
            return false;
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static byte[]? FromBase64(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var length) ? bytes[..length] : null;
    }

    /// <summary>
    /// Spends the same work as <see cref="Verify"/> on a login for an unknown e-mail, so the answer
    /// time does not tell which accounts exist.
    /// </summary>
    public void VerifyDecoy(string password) => Verify(password, _decoy.Value);

    /// <summary>
    /// How long a hash takes here lately: a moving average over the hashes made, so that it follows
    /// the machine's load (the decoy's hash is the first measurement).
    /// </summary>
    public TimeSpan TypicalHashTime
    {
        get
        {
            _ = _decoy.Value;
            lock (_timing)
                return _typicalHashTime;
        }
    }

    /// <summary>
    /// Takes as long as a <see cref="Hash"/> would, without the CPU: for an answer that must not come
    /// sooner than one that hashed.
    /// </summary>
    public Task WaitAsLongAsAHashAsync(CancellationToken cancellationToken = default) => Task.Delay(TypicalHashTime, cancellationToken);

    private void RecordHashTime(TimeSpan took)
    {
        lock (_timing)
            _typicalHashTime = _typicalHashTime == TimeSpan.Zero ? took : _typicalHashTime + (took - _typicalHashTime) / 8;
    }
}
