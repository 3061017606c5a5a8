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
}
