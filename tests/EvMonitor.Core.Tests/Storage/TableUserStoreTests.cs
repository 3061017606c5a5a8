using EvMonitor.Storage;

namespace EvMonitor.Core.Tests.Storage;

public sealed class TableUserStoreTests
{
    [Theory]
    [InlineData("Ann@Example.COM")]
    [InlineData("ANN@EXAMPLE.COM")]
    [InlineData(" ann@example.com ")]
    public void KeysAnEmailCaseInsensitively(string email)
    {
        Assert.Equal(TableUserStore.EmailKey("ann@example.com"), TableUserStore.EmailKey(email));
    }

    [Fact]
    public void KeepsDifferentEmailsApart()
    {
        Assert.NotEqual(TableUserStore.EmailKey("ann@example.com"), TableUserStore.EmailKey("anne@example.com"));
    }

    [Theory]
    [InlineData("a/b@example.com")]
    [InlineData("a\\b@example.com")]
    [InlineData("a#b@example.com")]
    [InlineData("a?b@example.com")]
    public void EscapesCharactersThatTableKeysForbid(string email)
    {
        var key = TableUserStore.EmailKey(email);

        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.NotEqual(TableUserStore.EmailKey("ab@example.com"), key);
    }

    [Theory]
    [InlineData("jos\u00e9@example.com", "jose\u0301@example.com")] // precomposed é, and e with a combining acute accent
    [InlineData("JOS\u00c9@example.com", "jose\u0301@example.com")]
    [InlineData("ann@example.com", "\uff41\uff4e\uff4e\uff20example.com")] // fullwidth letters and at sign
    [InlineData("ﬁona@example.com", "fiona@example.com")] // the ligature U+FB01
    public void KeysOneAddressInTwoUnicodeFormsAlike(string one, string other)
    {
        Assert.Equal(TableUserStore.EmailKey(one), TableUserStore.EmailKey(other));
    }

    [Theory]
    [InlineData("Ann@Example.COM")]
    [InlineData("jos\u00e9@example.com")]
    [InlineData("a/b#c@example.com")]
    public void KeepsTheKeyAnAddressAlreadyInFormKCHadBefore(string email)
    {
        // Keys written before addresses were normalized: the address trimmed, lowercased and escaped.
        Assert.Equal(Uri.EscapeDataString(email.Trim().ToLowerInvariant()), TableUserStore.EmailKey(email));
    }

    [Fact]
    public void KeysTextThatIsNotValidUnicodeWithoutThrowing()
    {
        Assert.NotEqual(TableUserStore.EmailKey("ann@example.com"), TableUserStore.EmailKey("ann\ud800@example.com"));
        Assert.Null(TableUserStore.NormalizeEmail("ann\ud800@example.com"));
    }
}
