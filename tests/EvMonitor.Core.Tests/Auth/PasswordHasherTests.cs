using EvMonitor.Auth;

namespace EvMonitor.Core.Tests.Auth;

public sealed class PasswordHasherTests
{
    // Few iterations keep the suite fast; the stored format carries the work factor either way.
    private readonly PasswordHasher _hasher = new(iterations: 1000);

    [Fact]
    public void VerifiesTheRightPassword()
    {
        var stored = _hasher.Hash("correct horse battery staple");

        Assert.True(_hasher.Verify("correct horse battery staple", stored));
    }

    [Theory]
    [InlineData("Correct horse battery staple")]
    [InlineData("correct horse battery staple ")]
    [InlineData("")]
    public void RejectsAnyOtherPassword(string attempt)
    {
        var stored = _hasher.Hash("correct horse battery staple");

        Assert.False(_hasher.Verify(attempt, stored));
    }

    [Fact]
    public void SaltsEveryHashDifferently()
    {
        var first = _hasher.Hash("secret-password");
        var second = _hasher.Hash("secret-password");

        Assert.NotEqual(first, second);
        Assert.NotEqual(first.Split('$')[2], second.Split('$')[2]);
        Assert.True(_hasher.Verify("secret-password", first));
        Assert.True(_hasher.Verify("secret-password", second));
    }

    [Fact]
    public void VerifiesWithTheWorkFactorStoredInTheHash()
    {
        var stored = new PasswordHasher(iterations: 2000).Hash("secret-password");

        Assert.StartsWith("pbkdf2-sha256$2000$", stored);
        Assert.True(_hasher.Verify("secret-password", stored));
    }

    [Fact]
    public void StoresTheDefaultOf600000Iterations()
    {
        var stored = new PasswordHasher().Hash("secret-password");

        var parts = stored.Split('$');
        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal("600000", parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
    }

    [Theory]
    [InlineData(2, "AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData(3, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData(1, "1001")]
    [InlineData(0, "pbkdf2-sha1")]
    public void RejectsATamperedHash(int part, string replacement)
    {
        var parts = _hasher.Hash("secret-password").Split('$');
        parts[part] = replacement;

        Assert.False(_hasher.Verify("secret-password", string.Join('$', parts)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("secret-password")]
    [InlineData("pbkdf2-sha256$1000$c2FsdA==")]
    [InlineData("pbkdf2-sha256$0$c2FsdHNhbHRzYWx0c2FsdA==$AAAA")]
    [InlineData("pbkdf2-sha256$-5$c2FsdHNhbHRzYWx0c2FsdA==$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAA")]
    [InlineData("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$not base64!")]
    [InlineData("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA==$")]
    public void RejectsAMalformedHash(string stored)
    {
        Assert.False(_hasher.Verify("secret-password", stored));
    }
}
