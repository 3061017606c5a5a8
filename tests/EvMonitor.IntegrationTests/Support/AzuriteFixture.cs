using EvMonitor.Storage;
using Microsoft.Extensions.Configuration;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>
/// One Azurite for the whole run: the one named by <c>EVMONITOR_TEST_STORAGE</c> (as scripts/test.sh
/// and CI start it), else one this fixture starts itself. Each test class gets its own tables and
/// queues through a name prefix, and they are deleted at the end.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const int OwnAzuritePort = 10200;

    private readonly List<string> _prefixes = [];
    private AzuriteProcess? _own;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("EVMONITOR_TEST_STORAGE");
        if (string.IsNullOrWhiteSpace(configured))
        {
            _own = await AzuriteProcess.StartAsync(OwnAzuritePort);
            configured = _own.ConnectionString;
        }
        ConnectionString = configured;
    }

    /// <summary>Fresh, created tables and queues under a random prefix (letters and digits only, as table names require).</summary>
    public async Task<StorageClients> CreateStorageAsync()
    {
        var storage = StorageClients.FromConfiguration(Configuration(NewPrefix()));
        await storage.EnsureCreatedAsync();
        return storage;
    }

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Settings for storage under <paramref name="prefix"/>; whatever is created there is deleted at the end of the run.</summary>
    public IConfiguration Configuration(string prefix)
    {
        lock (_prefixes)
            _prefixes.Add(prefix);
        return Unrecorded(prefix);
    }

    private IConfiguration Unrecorded(string prefix) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(StorageNames.Isolated(prefix))
            .AddInMemoryCollection([KeyValuePair.Create(StorageClients.ConnectionName, (string?)ConnectionString)])
            .Build();

    public static Task DeleteAllAsync(StorageClients storage) => storage.DeleteAllAsync();

    public async Task DisposeAsync()
    {
        foreach (var prefix in _prefixes)
            await DeleteAllAsync(StorageClients.FromConfiguration(Unrecorded(prefix)));
        if (_own is not null)
            await _own.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
