using Azure;
using EvMonitor.Storage;

namespace EvMonitor.Core.Tests.Storage;

public sealed class StorageOutageTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(412, false)]
    public void TellsAnOutageByTheStatus(int status, bool outage)
    {
        Assert.Equal(outage, StorageOutage.Is(new RequestFailedException(status, "storage said no")));
    }

    [Fact]
    public void CountsAnAggregateAsAnOutageOnlyWhenEveryFailureIsOne()
    {
        Assert.True(StorageOutage.Is(new AggregateException(new RequestFailedException(0, "refused"), new HttpRequestException("reset"))));
        Assert.False(StorageOutage.Is(new AggregateException(new RequestFailedException(0, "refused"), new RequestFailedException(404, "gone"))));
        Assert.False(StorageOutage.Is(new AggregateException()));
    }

    [Fact]
    public void CountsACancellationAsAnOutageOnlyWhenItIsATimeout()
    {
        Assert.True(StorageOutage.Is(new TaskCanceledException("timed out", new TimeoutException())));
        Assert.False(StorageOutage.Is(new TaskCanceledException()));
    }
}
