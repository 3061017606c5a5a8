using EvMonitor.Monitoring;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace EvMonitor.Functions.Functions;

/// <summary>
/// Normalizes queued pushes into the telemetry table: one queue-triggered function per telemetry
/// queue shard (<see cref="TelemetryShards"/>). Shard 0, <c>normalize_telemetry</c>, reads the queue
/// the app setting <c>EvMonitor__TelemetryQueue</c> names; shard k, <c>normalize_telemetry_k</c>, that
/// name plus <c>-k</c> (the host resolves <c>%…%</c> inside a longer name). The Functions host indexes
/// functions from the build, not from settings, so there is one function per possible shard and the
/// deployment disables those past <c>EvMonitor__TelemetryQueueShards</c> with the host's own
/// <c>AzureWebJobs.&lt;name&gt;.Disabled</c> setting. Shard k reads its queue through the connection
/// <c>TelemetryShardk</c> (shard 0 through <c>AzureWebJobsStorage</c>), which names the storage account
/// that holds the shard (<see cref="StorageClients"/>); a constant name, as the host resolves a
/// <c>Connection</c> to settings by name. A failure is thrown back to the host, which retries
/// after host.json's visibilityTimeout and, after maxDequeueCount attempts, moves the message to that
/// shard's <c>-poison</c> queue.
/// </summary>
public sealed class NormalizeTelemetryFunction(TelemetryNormalizer normalizer, NormalizerFailures failures)
{
    public const string Name = "normalize_telemetry";

    private const string Queue = "%" + StorageNames.TelemetryQueueSetting + "%";

    /// <summary>The function that reads shard <paramref name="shard"/>'s queue.</summary>
    public static string FunctionName(int shard) => shard == 0 ? Name : $"{Name}_{shard}";

    /// <summary>
    /// The app settings for <paramref name="shards"/> telemetry queues over storage accounts given by
    /// connection strings, as the deployment sets them (there with identity-based connections): the
    /// number of shards and of accounts, the main connection, every shard function's connection (shard
    /// k's naming account k mod M; set for every function, used or not, as the host indexes them all),
    /// and every shard function past the count disabled, so that no host polls a queue that is not
    /// used. Configuration keys, as in <c>local.settings.json</c>.
    /// </summary>
    /// <param name="main">The main account's connection string (<c>AzureWebJobsStorage</c>), telemetry account 0.</param>
    /// <param name="telemetryAccounts">Telemetry accounts 1 to M-1.</param>
    public static Dictionary<string, string?> ShardSettings(int shards, string main, params string[] telemetryAccounts)
    {
        string[] accounts = [main, .. telemetryAccounts];
        var layout = new TelemetryShards(shards, accounts.Length);
        var settings = new Dictionary<string, string?>
        {
            [TelemetryShards.CountSetting] = Invariant(layout.Count),
            [TelemetryShards.AccountsSetting] = Invariant(layout.Accounts),
            [StorageClients.ConnectionName] = main,
        };
        for (var shard = 1; shard < TelemetryShards.MaxCount; shard++)
        {
            settings[StorageClients.ShardConnectionName(shard)] = accounts[layout.AccountOf(shard)];
            settings[$"AzureWebJobs.{FunctionName(shard)}.Disabled"] = shard >= shards ? "true" : "false";
        }
        return settings;
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <param name="dequeueCount">Trigger metadata, bound by name: which attempt this is.</param>
    [Function(Name)]
    public Task Run([QueueTrigger(Queue, Connection = StorageClients.ConnectionName)] byte[] message, long dequeueCount, CancellationToken cancellationToken) =>
        NormalizeAsync(message, dequeueCount, cancellationToken);

    [Function(Name + "_1")]
    public Task Shard1([QueueTrigger(Queue + "-1", Connection = StorageClients.ShardConnectionPrefix + "1")] byte[] message, long dequeueCount, CancellationToken cancellationToken) =>
        NormalizeAsync(message, dequeueCount, cancellationToken);

    [Function(Name + "_2")]
    public Task Shard2([QueueTrigger(Queue + "-2", Connection = StorageClients.ShardConnectionPrefix + "2")] byte[] message, long dequeueCount, CancellationToken cancellationToken) =>
        NormalizeAsync(message, dequeueCount, cancellationToken);

    [Function(Name + "_3")]
    public Task Shard3([QueueTrigger(Queue + "-3", Connection = StorageClients.ShardConnectionPrefix + "3")] byte[] message, long dequeueCount, CancellationToken cancellationToken) =>
        NormalizeAsync(message, dequeueCount, cancellationToken);

    [Function(Name + "_4")]
    public Task Shard4([QueueTrigger(Queue + "-4", Connection = StorageClients.ShardConnectionPrefix + "4")] byte[] message, long dequeueCount, CancellationToken cancellationToken) =>
        NormalizeAsync(message, dequeueCount, cancellationToken);

    [Function(Name + "_5")]
    public Task Shard5([QueueTrigger(Queue + "-5", Connection = StorageClients.ShardConnectionPrefix + "5")] byte[] message, long dequeueCount, CancellationToken cancellationToken) =>
        NormalizeAsync(message, dequeueCount, cancellationToken);

    [Function(Name + "_6")]
    public Task Shard6([QueueTrigger(Queue + "-6", Connection = StorageClients.ShardConnectionPrefix + "6")] byte[] message, long dequeueCount, CancellationToken cancellationToken) =>
        NormalizeAsync(message, dequeueCount, cancellationToken);

    [Function(Name + "_7")]
    public Task Shard7([QueueTrigger(Queue + "-7", Connection = StorageClients.ShardConnectionPrefix + "7")] byte[] message, long dequeueCount, CancellationToken cancellationToken) =>
        NormalizeAsync(message, dequeueCount, cancellationToken);

    private async Task NormalizeAsync(byte[] message, long dequeueCount, CancellationToken cancellationToken)
    {
        try
        {
            await normalizer.ProcessAsync(message, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            failures.Record(e, dequeueCount);
            throw;
        }
    }
}
