using EvMonitor.Auth;

namespace EvMonitor.Core.Tests.Auth;

public sealed class TokensTests
{
    [Fact]
    public void IssuesTokensOf32LowercaseLettersAndDigits()
    {
        var token = Tokens.NewToken();

        Assert.Equal(32, token.Length);
        Assert.Matches("^[a-z0-9]{32}$", token);
        Assert.True(Tokens.IsWellFormed(token));
    }

    [Fact]
    public void IssuesTokensWithAtLeast128RandomBits()
    {
        var tokens = Enumerable.Range(0, 500).Select(_ => Tokens.NewToken()).ToList();

        // 16,000 characters drawn: every symbol of the alphabet shows up, none outside it.
        var symbols = tokens.SelectMany(t => t).Distinct().Count();
        Assert.Equal(36, symbols);
        Assert.True(Tokens.Length * Math.Log2(symbols) >= 128);
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public void HashesWithSha256AsLowercaseHex()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Tokens.Hash("abc"));
    }

    /// <summary>A token longer than any issued (one a client made up) is hashed right too; the digest is FIPS 180-2's test vector for a million "a".</summary>
    [Fact]
    public void HashesAnInputOfAnyLength()
    {
        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Tokens.Hash(new string('a', 1_000_000)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("o7axty6jzequrg5")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234-")]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234é")]
    public void TellsAMalformedToken(string token)
    {
        Assert.False(Tokens.IsWellFormed(token));
    }

    [Fact]
    public void IssuesIdsInTheOriginalStyle()
    {
        Assert.Matches("^[a-z0-9]{15}$", Tokens.NewId());
    }
}
