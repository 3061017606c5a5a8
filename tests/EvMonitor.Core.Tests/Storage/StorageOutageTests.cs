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

    [Fact]
    public void CountsRetriesThatAllRanOutOfTheirNetworkTimeoutAsAnOutage()
    {
        // What the SDK throws when every attempt exceeded ClientOptions.Retry.NetworkTimeout.
        var attempt = new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:10.", new TaskCanceledException());
        Assert.True(StorageOutage.Is(new AggregateException(attempt, attempt, attempt)));
        Assert.True(StorageOutage.Is(new AggregateException(attempt, new RequestFailedException(503, "busy"))));
        Assert.False(StorageOutage.Is(new AggregateException(attempt, new RequestFailedException(404, "gone"))));
    }
}
