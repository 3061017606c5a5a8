using EvMonitor.VehicleHealth;
using EvMonitor.Journeys;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Functions.Functions;
using EvMonitor.Monitoring;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace EvMonitor.Functions.Tests.Functions;

/// <summary>
/// The function against storage that is not there: what it does with a message shows before any
/// write. (Writing to a real table is covered by the integration tests.)
/// </summary>
public sealed class NormalizeTelemetryFunctionTests
{
    /// <summary>As host.json sets it.</summary>
    private const int MaxDequeueCount = 5;

    private readonly Mock<IVehicleStore> _vehicles = new();
    private readonly EvMonitorMetrics _metrics = TestMetrics.New();
    private readonly NormalizeTelemetryFunction _function;

    public NormalizeTelemetryFunctionTests()
    {
        _vehicles.Setup(v => v.FindOwnerAsync("abcdefg1234", It.IsAny<CancellationToken>())).ReturnsAsync("owner1");
        _function = new(
            new TelemetryNormalizer(new TelemetryTable(UnreachableStorage(), _vehicles.Object, JourneyOptions.Default), TimeProvider.System, _metrics, NullLogger<TelemetryNormalizer>.Instance),
            new NormalizerFailures(_metrics, new QueueTriggerOptions { MaxDequeueCount = MaxDequeueCount }, NullLogger<NormalizerFailures>.Instance));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a telemetry message")]
    [InlineData("""{"v":1,"vehicle_id":"abcdefg1234","snapshots":[]}""")]
    public async Task ThrowsInvalidDataGivenAMessageItCannotRead(string message)
    {
        // Thrown back to the host, which retries and then moves the message to the poison queue.
        await Assert.ThrowsAsync<InvalidDataException>(() => _function.Run(Encoding.UTF8.GetBytes(message), 1, CancellationToken.None));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(MaxDequeueCount - 1, 0)]
    [InlineData(MaxDequeueCount, 1)]
    public async Task CountsAMessageAsPoisonedOnlyWhenItsLastAttemptFails(long dequeueCount, int poisoned)
    {
        using var recorder = new MetricRecorder(_metrics);

        await Assert.ThrowsAsync<InvalidDataException>(() => _function.Run("not a telemetry message"u8.ToArray(), dequeueCount, CancellationToken.None));

        Assert.Equal(poisoned, recorder.Sum("evmonitor.messages.poisoned"));
        Assert.Equal(0, recorder.Sum("evmonitor.storage.unavailable"));
    }

    [Fact]
    public async Task PassesAReadableMessageOnToTheTable()
    {
        var header = new TelemetryMessage { PushId = "p1", VehicleId = "abcdefg1234", ReceivedAt = DateTimeOffset.UnixEpoch.AddYears(55) };
        var message = Assert.Single(TelemetryMessages.Pack(header, [new Snapshot { Timestamp = 1732550400, General = { ["speed"] = 87 }}]));

        // The table cannot be reached: the failure is an outage, thrown back for the host to retry.
        using var recorder = new MetricRecorder(_metrics);
        var e = await Assert.ThrowsAsync<RequestFailedException>(() => _function.Run(message.ToArray(), 1, CancellationToken.None));
        Assert.True(StorageOutage.Is(e));
        Assert.Equal(1, recorder.Sum("evmonitor.storage.unavailable", "function", "normalize_telemetry"));
        Assert.Equal(0, recorder.Sum("evmonitor.snapshots.stored"));
    }

    /// <summary>Clients for a local port nothing listens on, without retries, so every call fails at once.</summary>
    private static StorageClients UnreachableStorage()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var tableOptions = new TableClientOptions();
        tableOptions.Retry.MaxRetries = 0;
        var queueOptions = new QueueClientOptions();
        queueOptions.Retry.MaxRetries = 0;
        // The signature is never checked, as no request gets through.
        return StorageClients.FromConnectionString(
            $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port + 1}/devstoreaccount1;SharedAccessSignature=sv=2024-08-04&sig=none",
            new StorageNames(), tableOptions, queueOptions);
    }
}
