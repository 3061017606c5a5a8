using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using EvMonitor.Core.Tests.Support;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Monitoring;
using EvMonitor.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EvMonitor.IntegrationTests;

/// <summary>What an operator sees, through the local host against Azurite: the metrics and log lines of a push, and the health endpoint.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ObservabilityTests(AzuriteFixture azurite)
{
    private static readonly string[] HealthFields = ["SUCCESS", "version", "checked_at", "tables", "queues", "telemetry_queue_depth", "poison_queue_depth"];

    [Fact]
    public async Task APushMovesTheCountersAndItsPushIdFollowsItThroughTheQueueIntoTheLogs()
    {
        var log = new LogRecorder();
        await using var service = await RunningService.StartAsync(azurite, configure: b => b.Logging.AddProvider(log));
        using var metrics = new MetricRecorder(service.Services.GetRequiredService<EvMonitorMetrics>());
        var account = await service.CreateAccountAsync();
        var app = service.Client.ClientFor(account);
        var token = (await app.LoginAsync()).Token;

        var accepted = await app.PushAsync(account.VehicleId, SeedExample.Snapshots(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60), SeedExample.UserAgent);
        // The normalizer's measurements and its log line come one after another, so all are waited for.
        await ApiCalls.EventuallyAsync(() => Task.FromResult(metrics.Sum("evmonitor.snapshots.stored") == 2
            && metrics.Of("evmonitor.normalizer.lag").Count == 1
            && log.Lines.Any(l => l.Contains("message stored", StringComparison.Ordinal))));

        Assert.Equal(2, accepted);
        Assert.Equal(1, metrics.Sum("evmonitor.pushes", "code", "OK"));
        var lag = Assert.Single(metrics.Of("evmonitor.normalizer.lag")).Value;
        Assert.InRange(lag, 0, 30);
        var pushLine = Assert.Single(log.Lines, l => l.Contains(" accepted (OK)", StringComparison.Ordinal));
        var pushId = Regex.Match(pushLine, "^Push ([0-9a-f]{32}) ").Groups[1].Value;
        Assert.Equal($"Push {pushId} accepted (OK): vehicle {account.VehicleId}, snapshots 2", pushLine);
        var storedLine = Assert.Single(log.Lines, l => l.Contains("message stored", StringComparison.Ordinal));
        Assert.StartsWith($"Push {pushId} message stored: vehicle {account.VehicleId}, snapshots stored 2 of 2, lag ", storedLine);
        Assert.DoesNotContain(log.Lines, l => l.Contains(token, StringComparison.Ordinal) || l.Contains(account.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMessageWhoseLastAttemptFailsIsCountedAsItMovesToThePoisonQueue()
    {
        await using var service = await RunningService.StartAsync(azurite, new Dictionary<string, string>
        {
            ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "2",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00.100",
        });
        using var metrics = new MetricRecorder(service.Services.GetRequiredService<EvMonitorMetrics>());

        await service.Storage.TelemetryQueue.SendMessageAsync(new BinaryData("not a telemetry message"u8.ToArray()));
        await ApiCalls.EventuallyAsync(async () => (await service.Storage.TelemetryPoisonQueue.PeekMessagesAsync(10)).Value.Length == 1);

        Assert.Equal(1, metrics.Sum("evmonitor.messages.poisoned"));
    }

    [Fact]
    public async Task HealthAnswersOkWithTheQueueDepthsTheVersionAndNoUserData()
    {
        // No normalizer, so the queue keeps what is put on it.
        await using var service = await RunningService.StartAsync(azurite, new Dictionary<string, string> { ["AzureWebJobs.normalize_telemetry.Disabled"] = "true" });
        var account = await service.CreateAccountAsync();
        var app = service.Client.ClientFor(account);
        await app.PushAsync(account.VehicleId, SeedExample.Snapshots(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60), SeedExample.UserAgent);
        await app.PushAsync(account.VehicleId, SeedExample.Snapshots(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30), SeedExample.UserAgent);
        await service.Storage.TelemetryPoisonQueue.SendMessageAsync(new BinaryData("poisoned"u8.ToArray()));
        using var metrics = new MetricRecorder(service.Services.GetRequiredService<EvMonitorMetrics>());

        var get = await service.Client.SendAsync("health", null, HttpMethod.Get);
        var post = await service.Client.SendAsync("health", null);

        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.Equal(HealthFields, get.Body.Select(p => p.Key));
        Assert.Equal(HealthEndpoint.Version, (string?)get.Body["version"]);
        Assert.Equal("reachable", (string?)get.Body["tables"]);
        Assert.Equal("reachable", (string?)get.Body["queues"]);
        Assert.Equal(2, (int)get.Body["telemetry_queue_depth"]!);
        Assert.Equal(1, (int)get.Body["poison_queue_depth"]!);
        // The poison-queue alert in infra/app/alerts.bicep reads this gauge.
        Assert.Equal(1, Assert.Single(metrics.Of("evmonitor.queue.poison_depth")).Value);
        var text = get.Body.ToJsonString();
        Assert.DoesNotContain(account.Email, text);
        Assert.DoesNotContain(account.VehicleId, text);
        Assert.DoesNotContain(account.UserId, text);
        Assert.Equal(HttpStatusCode.OK, post.Status);
        Assert.Equal(text, post.Body.ToJsonString()); // within the cache time: the same check
    }

    [Fact]
    public async Task HealthAnswersStorageUnavailableWithRetryAfterWhenStorageIsDown()
    {
        await using var service = await RunningService.StartAsync(azurite, connectionString: AzuriteProcess.ConnectionStringFor(PortWhereNothingListens()), createStorage: false);
        using var metrics = new MetricRecorder(service.Services.GetRequiredService<EvMonitorMetrics>());

        var answer = await service.Client.SendAsync("health", null, HttpMethod.Get);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.Equal("STORAGE_UNAVAILABLE", answer.Code);
        Assert.True(answer.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After names a delay");
        Assert.Equal("unreachable", (string?)answer.Body["tables"]);
        Assert.Equal("unreachable", (string?)answer.Body["queues"]);
        Assert.Null(answer.Body["telemetry_queue_depth"]);
        Assert.Equal(HealthEndpoint.Version, (string?)answer.Body["version"]);
        Assert.Equal(1, metrics.Sum("evmonitor.storage.unavailable", "function", "health"));
    }

    [Fact]
    public async Task AFloodOfHealthCallsMakesOneCheckOfThreeStorageCallsUntilItIsStale()
    {
        var requests = new CountingPolicy();
        var clock = new ShiftedClock();
        // No normalizer polling the queue: every storage request counted is the health check's.
        await using var service = await RunningService.StartAsync(azurite, new Dictionary<string, string> { ["AzureWebJobs.normalize_telemetry.Disabled"] = "true" }, configure: b =>
        {
            b.Services.AddSingleton<TimeProvider>(clock);
            b.Services.AddSingleton(_ => CountedStorage(azurite.ConnectionString, new StorageNames(b.Configuration["EvMonitor:StoragePrefix"]!), requests));
        });
        requests.Reset();

        var flood = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => service.Client.SendAsync("health", null, HttpMethod.Get)));
        var countAfterFlood = requests.Count;
        clock.Advance(HealthEndpoint.CacheFor);
        var stale = await service.Client.SendAsync("health", null, HttpMethod.Get);

        Assert.All(flood, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.Equal(3, countAfterFlood);
        Assert.Equal(HttpStatusCode.OK, stale.Status);
        Assert.Equal(6, requests.Count);
    }

    private static StorageClients CountedStorage(string connectionString, StorageNames names, CountingPolicy requests)
    {
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        return StorageClients.FromConnectionString(connectionString, names, tableOptions, queueOptions);
    }

    /// <summary>Counts every request sent to storage, each retry included.</summary>
    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }

    /// <summary>A loopback port just freed, whose neighbours (the queue and table ports) are very likely free too.</summary>
    private static int PortWhereNothingListens()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
