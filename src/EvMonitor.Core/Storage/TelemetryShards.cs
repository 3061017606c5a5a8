using System.Text;

namespace EvMonitor.Storage;

/// <summary>
/// Which of the telemetry queues a vehicle's pushes go to. A vehicle always lands on the same shard
/// (a hash of its id that does not change between processes or versions), so its pushes stay on one
/// queue; vehicles spread evenly over <see cref="Count"/> shards. Shard 0 is the queue the setting
/// <c>EvMonitor__TelemetryQueue</c> names, so one shard is exactly the single queue of before; shard
/// <c>k</c> is that name plus <c>-k</c>. Shard <c>k</c>'s queue and the telemetry of its vehicles live in
/// telemetry storage account <c>k mod</c> <see cref="Accounts"/> (account 0 is the main one); the shard
/// count is a multiple of the account count, so a vehicle's account is its hash modulo the account
/// count whatever the shard count, and changing the shard count moves no vehicle to another account.
/// </summary>
public sealed class TelemetryShards
{
    /// <summary>The app setting (<c>EvMonitor__TelemetryQueueShards</c>) giving the number of shards.</summary>
    public const string CountSetting = "EvMonitor:TelemetryQueueShards";

    /// <summary>
    /// As many queue-triggered functions as the app has (NormalizeTelemetryFunction): the Functions host
    /// indexes them from the build, so the number of shards can only go up to what was built.
    /// </summary>
    public const int MaxCount = 8;

    /// <summary>The app setting (<c>EvMonitor__TelemetryStorageAccounts</c>) giving the number of telemetry storage accounts.</summary>
    public const string AccountsSetting = "EvMonitor:TelemetryStorageAccounts";

    public TelemetryShards(int count, int accounts = 1)
    {
        if (count is < 1 or > MaxCount)
            throw new InvalidOperationException($"The app setting EvMonitor__TelemetryQueueShards ('{CountSetting}') is {count}; it must be 1 to {MaxCount}.");
        if (AccountsProblem(count, accounts) is { } problem)
            throw new InvalidOperationException(problem);
        Count = count;
        Accounts = accounts;
    }

    public int Count { get; }

    /// <summary>How many storage accounts hold the telemetry queues and tables (M).</summary>
    public int Accounts { get; }

    /// <summary>Null when <paramref name="accounts"/> fits <paramref name="count"/> shards.</summary>
    public static string? AccountsProblem(int count, int accounts) =>
        accounts < 1 || count % accounts != 0
            ? $"The app setting EvMonitor__TelemetryStorageAccounts ('{AccountsSetting}') is {accounts}; it must be at least 1 and divide " +
              $"EvMonitor__TelemetryQueueShards ({count}), so that a vehicle's account does not depend on the shard count."
            : null;

    public IEnumerable<int> All => Enumerable.Range(0, Count);

    public int ShardOf(string vehicleId) => (int)(Fnv1a(vehicleId) % (uint)Count);

    /// <summary>The telemetry storage account of shard <paramref name="shard"/>: 0 is the main account.</summary>
    public int AccountOf(int shard) => shard % Accounts;

    /// <param name="queue">Shard 0's queue, the value of <c>EvMonitor__TelemetryQueue</c>.</param>
    public static string QueueName(string queue, int shard) => shard == 0 ? queue : $"{queue}-{shard}";

    /// <summary>32-bit FNV-1a over the id's UTF-8 bytes: stable everywhere, unlike <see cref="string.GetHashCode()"/>, and spreads short ids well.</summary>
    private static uint Fnv1a(string text)
    {
        // Rune by rune into a small buffer: the same bytes as Encoding.UTF8.GetBytes, without an array per push.
        var hash = 2166136261u;
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
                hash = (hash ^ b) * 16777619u;
        }
        return hash;
    }
}
