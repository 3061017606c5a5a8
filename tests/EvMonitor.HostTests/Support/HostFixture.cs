using EvMonitor.Api;
using EvMonitor.Catalog;
using EvMonitor.Functions.Functions;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.HostTests.Support;

/// <summary>
/// The Functions app under the real host, on the Azurite named by <c>EVMONITOR_TEST_STORAGE</c>,
/// with tables and a queue of its own (a storage prefix), created and filled with the catalog first
/// as the deployment template and the operator would. Settings the tests make faster than in Azure
/// are the queue retry timings; everything else is as the app settings in Azure give it.
/// </summary>
public abstract class HostFixture(string name, int portOffset) : IAsyncLifetime
{
    private FunctionsHost? _host;
    private ServiceProvider? _services;

    public FunctionsHost Host => _host ?? throw new InvalidOperationException(HostFactAttribute.SkipReason);

    /// <summary>The app's own services on the same settings, to look at storage as the app sees it.</summary>
    public IServiceProvider Services => _services!;

    public StorageClients Storage => Services.GetRequiredService<StorageClients>();

    public HttpClient Client { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    protected static string MainStorage => Environment.GetEnvironmentVariable("EVMONITOR_TEST_STORAGE")!;

    /// <summary>The app settings, as configuration keys (<c>EvMonitor:StoragePrefix</c>).</summary>
    protected virtual Dictionary<string, string?> AppSettings(string prefix)
    {
        var settings = StorageNames.Isolated(prefix);
        // One telemetry queue in one account, the other shards' functions disabled, as the deployment sets it.
        foreach (var (key, value) in NormalizeTelemetryFunction.ShardSettings(1, MainStorage))
            settings[key] = value;
        // Hashing at the production work factor would make every login take ~0.5 s.
        settings["EvMonitor:PasswordIterations"] = "1000";
        // Bodies over the contract are stopped by the host itself, as the app settings in Azure do.
        settings["FUNCTIONS_REQUEST_BODY_SIZE_LIMIT"] = $"{ApiLimits.HostMaxBodyBytes}";
        // host.json overrides, read by the host itself: a failing message is retried at once, and
        // moved to the poison queue after its second attempt.
        settings["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "2";
        settings["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00.200";
        settings["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.500";
        settings["AzureFunctionsJobHost:logging:logLevel:default"] = "Warning";
        // Hosts of several test runs may share one storage account: each keeps its own locks and timers.
        settings["AzureFunctionsWebHost:hostid"] = "evm-" + prefix;
        return settings;
    }

    public async Task InitializeAsync()
    {
        if (HostFactAttribute.SkipReason is not null || this is TwoAccountsHostFixture && SecondStorage.Missing is not null)
            return;
        var settings = AppSettings(AzuriteFixture.NewPrefix());
        _services = new ServiceCollection().AddLogging()
            .AddEvMonitor(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        await Storage.EnsureCreatedAsync();
        var (makes, models) = CatalogFile.Read(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "catalog", "catalog.json")));
        await Services.GetRequiredService<ICatalogStore>().UpsertAsync(makes, models);

        // As app settings in Azure: environment variables, "__" for ":".
        var environment = settings.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value!);
        _host = await FunctionsHost.StartAsync(name, environment, portOffset);
        Client = _host.NewClient();
        Admin = _host.NewAdminClient();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        Admin?.Dispose();
        if (_host is not null)
            await _host.DisposeAsync();
        if (_services is not null)
        {
            await AzuriteFixture.DeleteAllAsync(Storage);
            await _services.DisposeAsync();
        }
    }
}

/// <summary>The app as deployed.</summary>
public sealed class AppHostFixture() : HostFixture("app", 0);

/// <summary>The app with the telemetry queue's setting left out.</summary>
public sealed class NoQueueSettingHostFixture() : HostFixture("no-queue-setting", 1)
{
    protected override Dictionary<string, string?> AppSettings(string prefix)
    {
        var settings = base.AppSettings(prefix);
        settings.Remove(StorageNames.TelemetryQueueSetting);
        return settings;
    }
}

/// <summary>The app with its telemetry queue in two shards.</summary>
public sealed class TwoShardsHostFixture() : HostFixture("two-shards", 2)
{
    public const int Shards = 2;

    protected override Dictionary<string, string?> AppSettings(string prefix)
    {
        var settings = base.AppSettings(prefix);
        foreach (var (key, value) in NormalizeTelemetryFunction.ShardSettings(Shards, MainStorage))
            settings[key] = value;
        return settings;
    }
}

/// <summary>
/// The app with two telemetry queues in two storage accounts (two Azurites): shard 1's function reads
/// its queue through TelemetryShard1, in the second account. The connection of shard 7's function,
/// disabled, is left out, to see what the host does with a function whose connection is not set.
/// </summary>
public sealed class TwoAccountsHostFixture() : HostFixture("two-accounts", 3)
{
    public const int Shards = 2;

    public const string UnsetConnection = "TelemetryShard7";

    protected override Dictionary<string, string?> AppSettings(string prefix)
    {
        var settings = base.AppSettings(prefix);
        if (SecondStorage.Missing is not null)
            return settings;
        foreach (var (key, value) in NormalizeTelemetryFunction.ShardSettings(Shards, MainStorage, SecondStorage.ConnectionString))
            settings[key] = value;
        settings.Remove(UnsetConnection);
        return settings;
    }
}
