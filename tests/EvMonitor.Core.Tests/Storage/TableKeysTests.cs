using EvMonitor.Storage;

namespace EvMonitor.Core.Tests.Storage;

public sealed class TableKeysTests
{
    [Theory]
    [InlineData("qpfc5e8htii1wlq")]
    [InlineData("energica-ss9")]
    [InlineData("a b_c.d")]
    public void AcceptsIdsTheServiceUses(string id) => Assert.True(TableKeys.CanBeKey(id));

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u0085b")]
    public void RefusesWhatStorageWouldRefuse(string id) => Assert.False(TableKeys.CanBeKey(id));

    [Fact]
    public void RefusesAnOverlongId() => Assert.False(TableKeys.CanBeKey(new string('a', TableKeys.MaxLength + 1)));
}
