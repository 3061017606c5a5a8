using EvMonitor.Api;
using static EvMonitor.Core.Tests.Push.PushReading;

namespace EvMonitor.Core.Tests.Push;

public sealed class PushReaderUserAgentTests
{
    [Theory]
    [InlineData("My app\r\nX-Injected: 1")]
    [InlineData("My app\u0000")]
    [InlineData("My app\u2028")]
    [InlineData("My app\ufffe")]
    public async Task AUserAgentWithAControlCharacterIsAFieldError(string userAgent)
    {
        var outcome = await ReadSnapshotAsync(("user-agent", userAgent));

        Assert.Equal("user-agent", outcome.SingleError.Field);
        Assert.Equal(TextRules.ControlCharacterError, outcome.SingleError.Error);
        Assert.Null(outcome.Reader.UserAgent);
    }
}
