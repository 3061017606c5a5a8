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
/// credential in Azure. This is the only place that tells the two apart.
/// </summary>
public sealed class StorageClients
{
    public const string ConnectionName = "AzureWebJobsStorage";

    public StorageClients(TableServiceClient tables, QueueServiceClient queues, StorageNames names)
    {
        Tables = tables;
        Queues = queues;
        Names = names;
    }

    public TableServiceClient Tables { get; }
    public QueueServiceClient Queues { get; }
    public StorageNames Names { get; }

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public QueueClient TelemetryQueue => TelemetryQueueOf(0);
    public QueueClient TelemetryPoisonQueue => TelemetryPoisonQueueOf(0);

    public QueueClient TelemetryQueueOf(int shard) => Queues.GetQueueClient(Names.TelemetryQueueOf(shard));
    public QueueClient TelemetryPoisonQueueOf(int shard) => Queues.GetQueueClient(Names.TelemetryPoisonQueueOf(shard));

    /// <param name="names">The app's, from its bound <see cref="Settings.EvMonitorOptions"/>; read from <paramref name="configuration"/> when not given.</param>
    /// <param name="metrics">Where every storage request is counted (<see cref="StorageRequestCounter"/>); none when null.</param>
    public static StorageClients FromConfiguration(IConfiguration configuration, StorageNames? names = null, EvMonitorMetrics? metrics = null)
    {
        names ??= StorageNames.FromConfiguration(configuration);
        var connectionString = configuration[ConnectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageClients(
                new TableServiceClient(connectionString, TableOptions(metrics)),
                new QueueServiceClient(connectionString, QueueOptions(metrics, options => new QueueServiceClient(connectionString, options))),
                names);
        }

        var section = configuration.GetSection(ConnectionName);
        var tableUri = section["tableServiceUri"];
        var queueUri = section["queueServiceUri"];
        if (string.IsNullOrWhiteSpace(tableUri) || string.IsNullOrWhiteSpace(queueUri))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{ConnectionName}' to a connection string, or " +
                $"'{ConnectionName}__tableServiceUri' and '{ConnectionName}__queueServiceUri' for an identity-based connection.");
        }

        var credential = CredentialFrom(section);
        return new StorageClients(
            new TableServiceClient(new Uri(tableUri), credential, TableOptions(metrics)),
            new QueueServiceClient(new Uri(queueUri), credential, QueueOptions(metrics, options => new QueueServiceClient(new Uri(queueUri), credential, options))),
            names);
    }

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

    /// <summary>Creates every table and queue; used by local start-up, the CLI and tests (Azure gets them from the template).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in Names.Tables)
            await Tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        foreach (var queue in Names.Queues)
            await Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
