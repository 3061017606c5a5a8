using EvMonitor.Storage;
using Microsoft.Extensions.Time.Testing;

namespace EvMonitor.Core.Tests.Storage;

public sealed class ReadAheadMemoryTests
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(60);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero));
    private readonly List<TaskCompletionSource<string?>> _reads = [];
    private readonly ReadAheadMemory<string> _memory;

    public ReadAheadMemoryTests() => _memory = new(KeptFor, _clock, _ =>
    {
        var read = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_reads)
            _reads.Add(read);
        return read.Task;
    });

    private async Task<TaskCompletionSource<string?>> ReadStartedAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            lock (_reads)
            {
                if (_reads.Count >= count)
                    return _reads[count - 1];
            }
            await Task.Delay(5, timeout.Token);
        }
    }

    /// <summary>Lets a background read's continuation run (the memory keeps or forgets what it found).</summary>
    private static async Task SettledAsync(Func<bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!done())
            await Task.Delay(5, timeout.Token);
    }

    [Fact]
    public void TakesAnEntryWithoutReadingItForThreeQuartersOfItsTime()
    {
        _memory.Keep("k", "v1");
        _clock.Advance(TimeSpan.FromSeconds(44));

        Assert.Equal("v1", _memory.Get("k"));
        Assert.Empty(_reads);
    }

    [Fact]
    public void HasNothingOnceTheTimeHasRunOut()
    {
        _memory.Keep("k", "v1");
        _clock.Advance(KeptFor);

        Assert.Null(_memory.Get("k"));
        Assert.Null(_memory.Get("never kept"));
        Assert.Empty(_reads);
    }

    [Fact]
    public async Task InItsLastQuarterTakesTheEntryAndReadsItOnceInTheBackgroundThenKeepsWhatItFoundAfresh()
    {
        _memory.Keep("k", "v1");
        _clock.Advance(TimeSpan.FromSeconds(45));

        Assert.Equal("v1", _memory.Get("k"));
        Assert.Equal("v1", _memory.Get("k")); // the read is under way: no second one
        var read = await ReadStartedAsync(1);
        read.SetResult("v2");
        await SettledAsync(() => _memory.Get("k") == "v2");
        _clock.Advance(TimeSpan.FromSeconds(44)); // past the first entry's time, within the new one's three quarters

        Assert.Equal("v2", _memory.Get("k"));
        Assert.Single(_reads);
    }

    [Fact]
    public async Task ForgetsTheEntryWhenTheBackgroundReadFindsNothing()
    {
        _memory.Keep("k", "v1");
        _clock.Advance(TimeSpan.FromSeconds(50));
        _memory.Get("k");

        (await ReadStartedAsync(1)).SetResult(null);

        await SettledAsync(() => _memory.Get("k") is null);
    }

    [Fact]
    public async Task KeepsWhatWasForgottenWhileTheBackgroundReadRanForgotten()
    {
        _memory.Keep("k", "v1");
        _clock.Advance(TimeSpan.FromSeconds(50));
        _memory.Get("k");
        var read = await ReadStartedAsync(1);

        _memory.Forget("k"); // a logout, a vehicle deleted
        read.SetResult("v1");
        await read.Task;
        await Task.Delay(50);

        Assert.Null(_memory.Get("k"));
    }

    [Fact]
    public async Task AfterAFailedBackgroundReadTakesTheEntryUntilItsTimeAndTriesAgain()
    {
        _memory.Keep("k", "v1");
        _clock.Advance(TimeSpan.FromSeconds(50));
        _memory.Get("k");
        (await ReadStartedAsync(1)).SetException(new InvalidOperationException("storage down"));

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("v1", _memory.Get("k"));
        // Once the failure is taken in, the next request that takes the entry reads it again.
        await SettledAsync(() =>
        {
            _memory.Get("k");
            lock (_reads)
                return _reads.Count == 2;
        });
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(_memory.Get("k"));
    }
}
