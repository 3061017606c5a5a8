using System.Net;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;
using Microsoft.Extensions.Logging;

namespace EvMonitor.IntegrationTests;

/// <summary>
/// The local host resolves <c>%name%</c> in trigger attributes from its configuration, as the
/// Functions host does, and without the setting leaves the function out as the Functions host does
/// (its behaviour is shown in EvMonitor.HostTests' HostQueueSettingTests).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalHostQueueSettingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task WithoutTheQueueSettingTheNormalizerIsLeftOutNamingTheSettingAndAPushIsRefused()
    {
        var log = new LogRecorder();
        await using var service = await RunningService.StartAsync(azurite,
            new Dictionary<string, string> { [StorageNames.TelemetryQueueSetting] = "" },
            configure: b => b.Logging.AddProvider(log));
        var account = await service.CreateAccountAsync();
        var token = await service.Client.LoginAsync(account);

        var push = await service.Client.PostFormAsync("push", SeedExample.Form(token, account.VehicleId, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60));

        Assert.Contains("Function 'normalize_telemetry' failed indexing and will be disabled: '%EvMonitor:TelemetryQueue%' does not resolve to a value.", log.Lines);
        Assert.Equal(HttpStatusCode.InternalServerError, push.Status);
        Assert.Equal("INTERNAL_ERROR", push.Code);
        Assert.Contains(log.Lines, l => l.Contains("EvMonitor__TelemetryQueue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheNormalizerReadsTheQueueTheSettingNames()
    {
        const string queue = "elsewhere";
        var prefix = AzuriteFixture.NewPrefix();
        await using var service = await RunningService.StartAsync(azurite, new Dictionary<string, string>
        {
            [StorageNames.PrefixSetting] = prefix,
            [StorageNames.TelemetryQueueSetting] = $"{prefix}-{queue}",
        });
        var account = await service.CreateAccountAsync();

        await service.Client.ClientFor(account).PushAsync(account.VehicleId, SeedExample.Snapshots(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60), SeedExample.UserAgent);

        Assert.Equal($"{prefix}-{queue}", service.Storage.TelemetryQueue.Name);
        await ApiCalls.EventuallyAsync(async () => (await service.TelemetryRowsAsync(account.VehicleId)).Count == SeedExample.RowCount);
    }
}
