using System.Net;
using System.Text.Json.Nodes;
using EvMonitor.HostTests.Support;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.HostTests;

/// <summary>
/// Without the app setting <c>EvMonitor__TelemetryQueue</c> the host leaves the queue-triggered
/// normalizer out and runs the rest; the push endpoint, which reads the same setting, refuses
/// rather than acknowledging pushes nobody would store.
/// </summary>
public sealed class HostQueueSettingTests(NoQueueSettingHostFixture host) : IClassFixture<NoQueueSettingHostFixture>
{
    [HostFact]
    public async Task TheHostDisablesTheNormalizerNamingTheUnresolvedSetting()
    {
        var status = JsonNode.Parse(await host.Admin.GetStringAsync("admin/functions/normalize_telemetry/status"))!;

        // The host's own words, which the local host repeats.
        const string error = "'%EvMonitor:TelemetryQueue%' does not resolve to a value.";
        Assert.Contains(status["errors"]!.AsArray(), e => ((string)e!).EndsWith(error, StringComparison.Ordinal));
        Assert.Contains("Error indexing method 'Functions.normalize_telemetry'", host.Host.Output);
    }

    [HostFact]
    public async Task APushIsRefusedWith500WhileTheOtherEndpointsWork()
    {
        var (email, password, _) = await host.Client.RegisterAsync();
        var app = host.Client.ClientFor(email, password);
        var token = (await app.LoginAsync()).Token;
        var vehicleId = (await app.AddVehicleAsync("energica", "energica-ss9", "The Rocket")).Id;

        var push = await host.Client.PostFormAsync("push", SeedExample.Form(token, vehicleId, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60));

        Assert.Equal(HttpStatusCode.InternalServerError, push.Status);
        Assert.Equal("INTERNAL_ERROR", push.Code);
        // The worker's log lines reach the host's output a moment after the answer.
        await ApiCalls.EventuallyAsync(() => Task.FromResult(host.Host.Output.Contains("EvMonitor__TelemetryQueue", StringComparison.Ordinal)));
    }
}
