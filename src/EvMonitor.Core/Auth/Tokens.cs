using System.Security.Cryptography;
using System.Text;

namespace EvMonitor.Auth;

/// <summary>Session tokens: opaque lowercase letters and digits, stored only as their SHA-256.</summary>
public static class Tokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>32 characters of 36 symbols: about 165 random bits.</summary>
    public const int Length = 32;

    public static string NewToken() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Ids in the style of the original service ("84a2z6xrqomuh9b"): 15 characters, about 77 random bits.</summary>
    public static string NewId() => RandomNumberGenerator.GetString(Alphabet, 15);

    public static bool IsWellFormed(string token) =>
        token.Length == Length && token.AsSpan().IndexOfAnyExcept(Alphabet) < 0;

    /// <summary>The lowercase hex SHA-256 of the token's UTF-8 bytes; only the answer is allocated, for a token of any well-formed length.</summary>
    public static string Hash(string token)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(token.Length);
        var utf8 = maxBytes <= 256 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(token, utf8)], hash);
        return Convert.ToHexStringLower(hash);
    }
}
