using EvMonitor.Settings;
using Microsoft.Extensions.Configuration;

namespace EvMonitor.Storage;

/// <summary>
/// Every table and queue the service uses. The deployment template creates exactly these, so the
/// app never needs rights to create storage. A prefix isolates test runs sharing one emulator.
/// </summary>
/// <param name="TelemetryQueueName">
/// The value of <see cref="TelemetryQueueSetting"/>; null when the setting is missing, and then
/// nothing can be pushed (<see cref="TelemetryQueue"/> says which setting to set).
/// </param>
/// <param name="TelemetryQueueShards">How many telemetry queues vehicles are spread over (<see cref="TelemetryShards"/>).</param>
/// <param name="TelemetryStorageAccounts">How many storage accounts the telemetry queues and tables are spread over.</param>
public sealed record StorageNames(string Prefix = "", string? TelemetryQueueName = StorageNames.DefaultTelemetryQueue, int TelemetryQueueShards = 1, int TelemetryStorageAccounts = 1)
{
    /// <summary>Computed, not stored: a copy made with another shard count (<c>with</c>) must not keep this one's.</summary>
    public TelemetryShards Shards => new(TelemetryQueueShards, TelemetryStorageAccounts);

    public const string PrefixSetting = "EvMonitor:StoragePrefix";

    /// <summary>
    /// The app setting (environment variable <c>EvMonitor__TelemetryQueue</c>) naming the queue the
    /// push endpoint writes to. The normalizer's queue trigger reads the same setting as the binding
    /// expression <c>%EvMonitor:TelemetryQueue%</c>, so the two cannot name different queues.
    /// </summary>
    public const string TelemetryQueueSetting = "EvMonitor:TelemetryQueue";

    /// <summary>The queue's name in the deployment template and the local settings.</summary>
    public const string DefaultTelemetryQueue = "telemetry-ingest";

    public string Users => Prefix + "users";
    public string Tokens => Prefix + "tokens";
    public string Vehicles => Prefix + "vehicles";
    public string VehicleOwners => Prefix + "vehicleowners";
    public string Catalog => Prefix + "catalog";
    public string Telemetry => Prefix + "telemetry";
    public string LoginThrottle => Prefix + "loginthrottle";

    public string TelemetryQueue => TelemetryQueueName ?? throw new InvalidOperationException(
        $"The telemetry queue's name is not set: set the app setting EvMonitor__TelemetryQueue ('{TelemetryQueueSetting}'); " +
        $"the deployment sets it to '{DefaultTelemetryQueue}'.");

    /// <summary>Where the Functions host moves a message after its last failed attempt.</summary>
    public string TelemetryPoisonQueue => TelemetryPoisonQueueOf(0);

    public string TelemetryQueueOf(int shard) => TelemetryShards.QueueName(TelemetryQueue, shard);

    /// <summary>Each shard's queue has its own poison queue, as the Functions host makes one per triggering queue.</summary>
    public string TelemetryPoisonQueueOf(int shard) => TelemetryQueueOf(shard) + "-poison";

    public IReadOnlyList<string> Tables => [Users, Tokens, Vehicles, VehicleOwners, Catalog, Telemetry, LoginThrottle];

    /// <summary>
    /// The tables keyed by vehicle that live in the vehicle's telemetry storage account (every account
    /// has them): only <c>telemetry</c>, whose partitions also hold what is derived from the snapshots.
    /// </summary>
    public IReadOnlyList<string> TelemetryAccountTables => [Telemetry];

    /// <summary>Empty when the queue's setting is missing: only what pushes need is refused then.</summary>
    public IReadOnlyList<string> Queues => TelemetryQueueName is null ? []
        : Shards.All.SelectMany(shard => new[] { TelemetryQueueOf(shard), TelemetryPoisonQueueOf(shard) }).ToList();

    public static StorageNames From(EvMonitorOptions options) =>
        new(options.StoragePrefix, options.TelemetryQueue is { Length: > 0 } queue ? queue : null, options.TelemetryQueueShards, options.TelemetryStorageAccounts);

    /// <summary>For tools that read the settings without a host; the app takes <see cref="EvMonitorOptions"/> as bound at start-up.</summary>
    public static StorageNames FromConfiguration(IConfiguration configuration) =>
        From(configuration.GetSection(EvMonitorOptions.Section).Get<EvMonitorOptions>() ?? new EvMonitorOptions());

    /// <summary>Settings for a run of its own on a shared storage account: prefixed tables and a queue of its own.</summary>
    public static Dictionary<string, string?> Isolated(string prefix) => new()
    {
        [PrefixSetting] = prefix,
        [TelemetryQueueSetting] = prefix.ToLowerInvariant() + "-" + DefaultTelemetryQueue,
    };
}
