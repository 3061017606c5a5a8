using Azure.Data.Tables;
using EvMonitor.Accounts;
using EvMonitor.Catalog;
using EvMonitor.Functions.Functions;
using EvMonitor.LocalHost;
using EvMonitor.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>
/// The service as an app meets it: the local host on a free loopback port, serving the Functions
/// app's function classes over real HTTP and normalizing from the real Azurite queue.
/// </summary>
public sealed class RunningService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningService(WebApplication app, Uri baseAddress)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    /// <summary>Sends to <c>/api/…</c>: <c>Client.PostAsync("login", …)</c>.</summary>
    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public StorageClients Storage => Services.GetRequiredService<StorageClients>();

    /// <param name="settings">Extra settings, e.g. <c>AzureFunctionsJobHost:extensions:queues:maxDequeueCount</c>.</param>
    /// <param name="configure">Runs after the app's registrations: replaces services such as the clock.</param>
    /// <param name="createStorage">False for storage that is down on purpose: no tables, queues or catalog are set up.</param>
    public static async Task<RunningService> StartAsync(
        AzuriteFixture azurite,
        IDictionary<string, string>? settings = null,
        string? connectionString = null,
        Action<WebApplicationBuilder>? configure = null,
        bool createStorage = true)
    {
        // One account: the main connection and every shard function's connection name the same storage.
        var all = NormalizeTelemetryFunction.ShardSettings(1, connectionString ?? azurite.ConnectionString).ToDictionary(kv => kv.Key, kv => kv.Value!);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            // Hashing at the production work factor would make every login in the suite take ~0.5 s.
            ["EvMonitor:PasswordIterations"] = "1000",
            ["Urls"] = "http://127.0.0.1:0",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00.200",
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.200",
            ["LocalHost:QueueLease"] = "00:00:05",
        })
            all[key] = value;
        foreach (var (key, value) in StorageNames.Isolated(AzuriteFixture.NewPrefix()))
            all[key] = value!;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            all[key] = value;

        var app = LocalServer.Build(all.Select(kv => $"--{kv.Key}={kv.Value}").ToArray(), configure);
        if (createStorage)
        {
            var storage = app.Services.GetRequiredService<StorageClients>();
            await storage.EnsureCreatedAsync();
            var (makes, models) = CatalogFile.Read(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "catalog", "catalog.json")));
            await app.Services.GetRequiredService<ICatalogStore>().UpsertAsync(makes, models);
        }
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningService(app, new Uri(address.TrimEnd('/') + "/api/"));
    }

    /// <summary>A new account with one vehicle (an Energica SS9), straight through the account service.</summary>
    public async Task<TestAccount> CreateAccountAsync(string password = "correct-horse-battery")
    {
        var accounts = Services.GetRequiredService<AccountService>();
        var email = $"rider-{Guid.NewGuid():N}@example.com";
        var user = (await accounts.CreateUserAsync(email, password, "Test rider")).User;
        Assert.NotNull(user);
        var vehicle = (await accounts.AddVehicleAsync(user.UserId, "energica", "energica-ss9", "The Rocket", "0")).Vehicle;
        Assert.NotNull(vehicle);
        return new TestAccount(email, password, user.UserId, vehicle.Id);
    }

    public Task<List<TableEntity>> TelemetryRowsAsync(string vehicleId) => TableRows.TelemetryOfAsync(Storage, vehicleId);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        try
        {
            await AzuriteFixture.DeleteAllAsync(Storage);
        }
        catch (Exception e) when (StorageOutage.Is(e))
        {
            // A test that took storage away on purpose leaves nothing behind to clean up.
        }
        await _app.DisposeAsync();
    }
}

public sealed record TestAccount(string Email, string Password, string UserId, string VehicleId);
