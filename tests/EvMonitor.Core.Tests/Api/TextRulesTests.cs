using EvMonitor.Api;

namespace EvMonitor.Core.Tests.Api;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("\u0000")]
    [InlineData("a\tb")]
    [InlineData("line\nbreak")]
    [InlineData("\u001f")]
    [InlineData("\u007f")]
    [InlineData("line\u2028separator")]
    [InlineData("\u2029")]
    [InlineData("\ufdd0")] // the non-character block U+FDD0–U+FDEF (Unicode 15, section 23.7)
    [InlineData("\ufdef")]
    [InlineData("\ufffe")]
    [InlineData("\uffff")]
    [InlineData("\ud83f\udffe")] // U+1FFFE: the last two code points of every plane are non-characters
    [InlineData("\udbff\udfff")] // U+10FFFF
    public void FindsAControlCharacterOrNonCharacter(string text)
    {
        Assert.True(TextRules.HasControlCharacter("The " + text + " Rocket"));
    }

    [Theory]
    [InlineData("The Rocket")]
    [InlineData("José's Ego")]
    [InlineData("日本語 \ud83d\ude97")]
    [InlineData("\u00a0non-breaking")]
    [InlineData("\ufdcf\ufdf0\ufffd")] // just outside the non-character block, and the replacement character
    [InlineData("\ud83f\udffd")] // U+1FFFD
    public void AcceptsTextPeopleName(string text)
    {
        Assert.False(TextRules.HasControlCharacter(text));
    }
}
