using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using EvMonitor.Monitoring;
using Microsoft.Extensions.Configuration;

namespace EvMonitor.Storage;

/// <summary>
/// The table and queue clients, built from the same settings the Functions host reads for its own
/// storage (<c>AzureWebJobsStorage</c>): a connection string locally, service URIs plus a token
/// credential in Azure. This is the only place that tells the two apart, and the only place that
/// knows which storage account holds a shard's queue and a vehicle's telemetry.
/// </summary>
/// <remarks>
/// With several telemetry storage accounts (<see cref="TelemetryShards.Accounts"/>), shard k's
/// queue-triggered function reads its queue through the connection <see cref="ShardConnectionName"/>
/// (<c>TelemetryShardk</c>, shard 0 through <c>AzureWebJobsStorage</c>), which names account k mod M;
/// the app reads the same settings, so the instance that works shard k's queue writes its vehicles'
/// telemetry to the same account. Users, tokens, vehicles and the catalog stay in the main account.
/// </remarks>
public sealed class StorageClients
{
    public const string ConnectionName = "AzureWebJobsStorage";

    /// <summary>Shard k's connection is this plus k (k from 1): a constant in its trigger attribute.</summary>
    public const string ShardConnectionPrefix = "TelemetryShard";

    private readonly Account[] _accounts;

    /// <summary>One storage account's clients, with its telemetry-keyed tables made once.</summary>
    private sealed class Account(AccountClients clients, StorageNames names)
    {
        public TableServiceClient Tables { get; } = clients.Tables;
        public QueueServiceClient Queues { get; } = clients.Queues;
        public TableTransactions Transactions { get; } = clients.Transactions;
        public TableClient Telemetry { get; } = clients.Tables.GetTableClient(names.Telemetry);
    }

    /// <summary>What reaches one storage account: its tables, its queues, and its tables' transactions without the client's per-operation cost.</summary>
    public sealed record AccountClients(TableServiceClient Tables, QueueServiceClient Queues, TableTransactions Transactions);

    /// <param name="accounts">The main account first, then telemetry accounts 1 to M-1.</param>
    public StorageClients(IReadOnlyList<AccountClients> accounts, StorageNames names)
    {
        if (accounts.Count != names.Shards.Accounts)
            throw new ArgumentException($"{names.Shards.Accounts} telemetry storage accounts are configured and {accounts.Count} given.", nameof(accounts));
        _accounts = [.. accounts.Select(a => new Account(a, names))];
        Names = names;
    }

    /// <summary>Everything in the one account a connection string names, with the given client options (tests add policies to them).</summary>
    public static StorageClients FromConnectionString(string connectionString, StorageNames names, TableClientOptions? tableOptions = null, QueueClientOptions? queueOptions = null) =>
        new([AccountOf(connectionString, tableOptions ?? new TableClientOptions(), new QueueServiceClient(connectionString, queueOptions))], names);

    private static AccountClients AccountOf(string connectionString, TableClientOptions tableOptions, QueueServiceClient queues)
    {
        var tables = new TableServiceClient(connectionString, tableOptions);
        return new AccountClients(tables, queues, TableTransactions.FromConnectionString(connectionString, tables, tableOptions));
    }

    /// <summary>The main account: users, tokens, vehicles, catalog, and the telemetry of account 0.</summary>
    public TableServiceClient Tables => _accounts[0].Tables;
    public QueueServiceClient Queues => _accounts[0].Queues;
    public StorageNames Names { get; }

    /// <summary>A table of the main account; a vehicle's telemetry is in <see cref="TelemetryTableOf"/>.</summary>
    public TableClient Table(string name) => Tables.GetTableClient(name);

    /// <summary>The telemetry table that holds <paramref name="vehicleId"/>'s partition: in its shard's account.</summary>
    public TableClient TelemetryTableOf(string vehicleId) => AccountOfVehicle(vehicleId).Telemetry;

    /// <summary>Submits one entity-group transaction to the telemetry table that holds <paramref name="vehicleId"/>'s partition (<see cref="TableTransactions"/>).</summary>
    /// <returns>The ETag of each action's row, in order; none for a deleted row.</returns>
    public Task<ETag?[]> SubmitTelemetryAsync(string vehicleId, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default) =>
        AccountOfVehicle(vehicleId).Transactions.SubmitAsync(Names.Telemetry, actions, cancellationToken);

    /// <summary>Every telemetry account's telemetry table, main account first (health checks).</summary>
    public IEnumerable<TableClient> TelemetryTables => _accounts.Select(a => a.Telemetry);

    public QueueClient TelemetryQueue => TelemetryQueueOf(0);
    public QueueClient TelemetryPoisonQueue => TelemetryPoisonQueueOf(0);

    /// <summary>Shard <paramref name="shard"/>'s queue, in the shard's account.</summary>
    public QueueClient TelemetryQueueOf(int shard) => AccountOfShard(shard).Queues.GetQueueClient(Names.TelemetryQueueOf(shard));
    public QueueClient TelemetryPoisonQueueOf(int shard) => AccountOfShard(shard).Queues.GetQueueClient(Names.TelemetryPoisonQueueOf(shard));

    public static string ShardConnectionName(int shard) => shard == 0 ? ConnectionName : ShardConnectionPrefix + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Account AccountOfShard(int shard) => _accounts[Names.Shards.AccountOf(shard)];

    private Account AccountOfVehicle(string vehicleId) => AccountOfShard(Names.Shards.ShardOf(vehicleId));

    /// <param name="names">The app's, from its bound <see cref="Settings.EvMonitorOptions"/>; read from <paramref name="configuration"/> when not given.</param>
    /// <param name="metrics">Where every storage request is counted (<see cref="StorageRequestCounter"/>); none when null.</param>
    /// <exception cref="InvalidOperationException">
    /// A connection is missing, or a shard's connection names another account than its shard's
    /// (k mod M): its function would read a queue in one account while its vehicles' telemetry went to another.
    /// </exception>
    public static StorageClients FromConfiguration(IConfiguration configuration, StorageNames? names = null, EvMonitorMetrics? metrics = null)
    {
        names ??= StorageNames.FromConfiguration(configuration);
        var shards = names.Shards;
        var main = StorageConnection.Find(configuration, ConnectionName);
        if (main is null || string.IsNullOrWhiteSpace(main.Value) && (string.IsNullOrWhiteSpace(main["tableServiceUri"]) || string.IsNullOrWhiteSpace(main["queueServiceUri"])))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{ConnectionName}' to a connection string, or " +
                $"'{ConnectionName}__tableServiceUri' and '{ConnectionName}__queueServiceUri' for an identity-based connection.");
        }

        // Every shard in use, through the connection its function reads: account j is the one of shard j.
        var connections = new List<IConfigurationSection> { main };
        for (var shard = 1; shard < shards.Count; shard++)
        {
            var name = ShardConnectionName(shard);
            var connection = StorageConnection.Find(configuration, name)
                ?? throw new InvalidOperationException(
                    $"{StorageConnection.Missing(name)} Shard {shard}'s function reads its queue through it: set '{name}' to a connection string, or " +
                    $"'{name}__queueServiceUri', '{name}__tableServiceUri' (and '__credential', '__clientId') to telemetry storage account {shards.AccountOf(shard)}'s.");
            var account = shards.AccountOf(shard);
            if (account == shard)
                connections.Add(connection);
            else if (StorageConnection.AccountOf(connection) != StorageConnection.AccountOf(connections[account]))
                throw new InvalidOperationException(
                    $"The connection '{name}' names another storage account than '{ShardConnectionName(account)}': with " +
                    $"EvMonitor__TelemetryStorageAccounts = {shards.Accounts}, shard {shard} is in telemetry storage account {account}, as shard {account} is.");
        }
        return new StorageClients([.. connections.Select((connection, account) => Clients(connection, account == 0 ? ConnectionName : ShardConnectionName(account), metrics))], names);
    }

    private static AccountClients Clients(IConfigurationSection connection, string name, EvMonitorMetrics? metrics)
    {
        var options = TableOptions(metrics);
        var queues = QueueServiceOf(connection, name, metrics);
        if (!string.IsNullOrWhiteSpace(connection.Value))
            return AccountOf(connection.Value, options, queues);
        var uri = ServiceUri(connection, name, "tableServiceUri");
        var credential = CredentialFrom(connection);
        return new AccountClients(new TableServiceClient(uri, credential, options), queues, TableTransactions.FromCredential(uri, credential, options));
    }

    /// <summary>The queue service a connection names, with the app's own client options (also the local host's queue pump).</summary>
    public static QueueServiceClient QueueServiceOf(IConfigurationSection connection, string name, EvMonitorMetrics? metrics = null)
    {
        if (!string.IsNullOrWhiteSpace(connection.Value))
        {
            var connectionString = connection.Value;
            return new QueueServiceClient(connectionString, QueueOptions(metrics, options => new QueueServiceClient(connectionString, options)));
        }
        var uri = ServiceUri(connection, name, "queueServiceUri");
        var credential = CredentialFrom(connection);
        return new QueueServiceClient(uri, credential, QueueOptions(metrics, options => new QueueServiceClient(uri, credential, options)));
    }

    private static Uri ServiceUri(IConfigurationSection connection, string name, string key) =>
        connection[key] is { Length: > 0 } uri ? new Uri(uri)
            : throw new InvalidOperationException($"The identity-based connection '{name}' needs '{name}__{key}'.");

    /// <summary>
    /// <c>credential=managedidentity</c> (with an optional <c>clientId</c> for a user-assigned
    /// identity) is what the Functions host understands; anything else falls back to the developer's
    /// or operator's own Azure login, which is what the CLI uses against a deployed account.
    /// </summary>
    internal static TokenCredential CredentialFrom(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        if (string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(clientId)
                ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }
        return new DefaultAzureCredential();
    }

    // Fail fast when storage is down: the caller gets a 503 and retries, rather than a request that hangs.
    private static TableClientOptions TableOptions(EvMonitorMetrics? metrics)
    {
        var options = new TableClientOptions();
        Configure(options, metrics, queues: false);
        return options;
    }

    /// <param name="unencoded">Makes the same service's client with the given options, for messages that are not Base64.</param>
    private static QueueClientOptions QueueOptions(EvMonitorMetrics? metrics, Func<QueueClientOptions, QueueServiceClient> unencoded)
    {
        var plain = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        Configure(plain, metrics, queues: true);
        // The Functions host reads and writes queue messages Base64-encoded; so must we.
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        Configure(options, metrics, queues: true);
        options.MessageDecodingFailed += UndecodableMessages.MoveToPoison(unencoded(plain));
        return options;
    }

    private static void Configure(ClientOptions options, EvMonitorMetrics? metrics, bool queues)
    {
        ConfigureRetry(options.Retry);
        // Per retry: storage bills every attempt.
        if (metrics is not null)
            options.AddPolicy(new StorageRequestCounter(metrics, queues), HttpPipelinePosition.PerRetry);
    }

    private static void ConfigureRetry(RetryOptions retry)
    {
        retry.MaxRetries = 2;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
        retry.NetworkTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>
    /// Creates every table and queue, each shard's queues in its account and the telemetry tables in
    /// every telemetry account; used by local start-up, the CLI and tests (Azure gets them from the template).
    /// </summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (service, table) in AllTables())
            await service.CreateTableIfNotExistsAsync(table, cancellationToken);
        foreach (var queue in AllQueues())
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Deletes every table and queue <see cref="EnsureCreatedAsync"/> creates (tests' clean-up).</summary>
    public async Task DeleteAllAsync(CancellationToken cancellationToken = default)
    {
        foreach (var (service, table) in AllTables())
            await service.DeleteTableAsync(table, cancellationToken);
        foreach (var queue in AllQueues())
            await queue.DeleteIfExistsAsync(cancellationToken);
    }

    private IEnumerable<(TableServiceClient Service, string Table)> AllTables() =>
        Names.Tables.Select(table => (Tables, table))
            .Concat(_accounts.Skip(1).SelectMany(account => Names.TelemetryAccountTables.Select(table => (account.Tables, table))));

    /// <summary>None when the queue's setting is missing: only what pushes need is refused then.</summary>
    private IEnumerable<QueueClient> AllQueues() => Names.TelemetryQueueName is null ? []
        : Names.Shards.All.SelectMany(shard => new[] { TelemetryQueueOf(shard), TelemetryPoisonQueueOf(shard) });
}
