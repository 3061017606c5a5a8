using EvMonitor.VehicleHealth;
using System.Text;
using Azure;
using EvMonitor.Api;
using EvMonitor.Monitoring;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Push;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.Vehicles;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace EvMonitor.Core.Tests.Push;

public sealed class PushEndpointTests
{
    private readonly Session _session = new();
    private readonly Mock<IVehicleStore> _vehicles = new();
    private readonly Mock<ITelemetryQueue> _queue = new();
    private readonly List<BinaryData> _sent = [];
    private readonly EvMonitorMetrics _metrics = TestMetrics.New();
    private readonly RecordingLogger<PushEndpoint> _log = new();
    private readonly PushEndpoint _endpoint;

    public PushEndpointTests()
    {
        _vehicles.Setup(v => v.FindOwnerAsync(SeedPush.VehicleId, It.IsAny<CancellationToken>())).ReturnsAsync(Session.UserId);
        _queue.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<BinaryData>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, BinaryData message, CancellationToken _) =>
            {
                _sent.Add(message);
                return new SentMessage($"message-{_sent.Count}", "receipt");
            });
        _endpoint = new PushEndpoint(_session.Authenticator, new VehicleAccess(_vehicles.Object), _queue.Object, _session.Clock, _metrics, Mock.Of<IVehicleHealthRecorder>(), _log);
    }

    [Fact]
    public async Task QueuesTheSeedExampleAsOneMessageAndReturnsTheNumberAccepted()
    {
        var result = await _endpoint.HandleAsync(Requests.Post(Requests.FormType, SeedPush.FormBody(_session.Token)));

        Assert.Equal(200, result.Status);
        Assert.Equal("""{"SUCCESS":"OK","accepted":2}""", result.ToJsonString());
        var message = TelemetryMessages.Unpack(Assert.Single(_sent).ToMemory());
        Assert.Equal(SeedPush.VehicleId, message.VehicleId);
        Assert.Equal("My cool app", message.UserAgent);
        Assert.Equal(SeedPush.Now, message.ReceivedAt);
        Assert.Equal([1732550400L, 1732550405], message.Snapshots.Select(s => s.Timestamp));
        Assert.Equal(5180, message.Snapshots[0].Motors![1]["rpm"]);
    }

    [Fact]
    public async Task AcceptsTheSeedExampleAsJson()
    {
        var result = await _endpoint.HandleAsync(Requests.Json(SeedPush.JsonBody(_session.Token)));

        Assert.Equal("""{"SUCCESS":"OK","accepted":2}""", result.ToJsonString());
    }

    [Fact]
    public async Task ReturnsForbiddenWithoutQueueingGivenSomeoneElsesVehicle()
    {
        _vehicles.Setup(v => v.FindOwnerAsync(SeedPush.VehicleId, It.IsAny<CancellationToken>())).ReturnsAsync("someone-else");

        var result = await _endpoint.HandleAsync(Requests.Post(Requests.FormType, SeedPush.FormBody(_session.Token)));

        Assert.Equal(403, result.Status);
        Assert.Equal(ErrorCodes.VehicleForbidden, result.Code);
        _queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsNotFoundWithoutQueueingGivenAnUnknownVehicle()
    {
        _vehicles.Setup(v => v.FindOwnerAsync(SeedPush.VehicleId, It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);

        var result = await _endpoint.HandleAsync(Requests.Post(Requests.FormType, SeedPush.FormBody(_session.Token)));

        Assert.Equal(404, result.Status);
        Assert.Equal(ErrorCodes.VehicleNotFound, result.Code);
        _queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsTokenRequiredWithoutQueueingGivenNoToken()
    {
        var result = await _endpoint.HandleAsync(Requests.Post(Requests.FormType, SeedPush.FormBody(token: "")));

        Assert.Equal(401, result.Status);
        Assert.Equal(ErrorCodes.TokenRequired, result.Code);
        _vehicles.VerifyNoOtherCalls();
        _queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsValidationFailedListingEveryProblemWithoutQueueing()
    {
        var body = SeedPush.FormBody(_session.Token)
            .Replace("[state]=1", "[state]=1.5")
            .Replace("[motor][1][rpm]=5390", "[motor][1][rpm]=fast");

        var result = await _endpoint.HandleAsync(Requests.Post(Requests.FormType, body));

        Assert.Equal(400, result.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, result.Code);
        Assert.Equal(
            """[{"field":"data[0][general][state]","error":"must be an integer, without a fractional part"},""" +
            """{"field":"data[1][general][motor][1][rpm]","error":"must be a number"}]""",
            result.Json()["errors"]!.ToJsonString());
        _queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsValidationFailedGivenNoVehicleId()
    {
        var result = await _endpoint.HandleAsync(Requests.Form(("token", _session.Token), ("data[0][timestamp]", "1732550400")));

        Assert.Equal(400, result.Status);
        Assert.Equal("vehicle_id", (string?)result.Json()["errors"]![0]!["field"]);
        _vehicles.VerifyNoOtherCalls();
        _queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsPayloadTooLargeGivenMoreThanAThousandSnapshots()
    {
        var result = await _endpoint.HandleAsync(Requests.Json(Push(1001)));

        Assert.Equal(413, result.Status);
        Assert.Equal(ErrorCodes.PayloadTooLarge, result.Code);
        _queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task QueuesAThousandSnapshotsOverSeveralMessages()
    {
        var result = await _endpoint.HandleAsync(Requests.Json(Push(1000)));

        Assert.Equal("""{"SUCCESS":"OK","accepted":1000}""", result.ToJsonString());
        Assert.True(_sent.Count > 1);
        Assert.Equal(1000, _sent.Sum(m => TelemetryMessages.Unpack(m.ToMemory()).Snapshots.Count));
        Assert.Single(_sent.Select(m => TelemetryMessages.Unpack(m.ToMemory()).PushId).Distinct());
    }

    [Fact]
    public async Task LetsAQueueFailurePropagateSoTheCallerGetsA503()
    {
        _queue.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<BinaryData>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(0, "connection refused"));
        var request = Requests.Post(Requests.FormType, SeedPush.FormBody(_session.Token));

        await Assert.ThrowsAsync<RequestFailedException>(() => _endpoint.HandleAsync(request));
        var result = await new ApiPipeline(TestMetrics.New(), NullLogger<ApiPipeline>.Instance).RunAsync(_endpoint, request);

        Assert.Equal(503, result.Status);
        Assert.Equal(ErrorCodes.StorageUnavailable, result.Code);
    }

    [Fact]
    public async Task TakesBackTheMessagesAlreadySentGivenALaterOneFails()
    {
        _queue.SetupSequence(q => q.SendAsync(It.IsAny<string>(), It.IsAny<BinaryData>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SentMessage("message-1", "receipt-1"))
            .ReturnsAsync(new SentMessage("message-2", "receipt-2"))
            .ThrowsAsync(new RequestFailedException(0, "connection refused"));

        var result = await new ApiPipeline(TestMetrics.New(), NullLogger<ApiPipeline>.Instance).RunAsync(_endpoint, Requests.Json(Push(1000)));

        Assert.Equal(503, result.Status);
        _queue.Verify(q => q.DeleteAsync(new SentMessage("message-1", "receipt-1"), It.IsAny<CancellationToken>()), Times.Once);
        _queue.Verify(q => q.DeleteAsync(new SentMessage("message-2", "receipt-2"), It.IsAny<CancellationToken>()), Times.Once);
        _queue.Verify(q => q.DeleteAsync(It.IsAny<SentMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task StillAnswers503GivenTheTakeBackFailsToo()
    {
        _queue.SetupSequence(q => q.SendAsync(It.IsAny<string>(), It.IsAny<BinaryData>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SentMessage("message-1", "receipt-1"))
            .ThrowsAsync(new RequestFailedException(503, "server busy"));
        _queue.Setup(q => q.DeleteAsync(It.IsAny<SentMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(0, "connection refused"));

        var result = await new ApiPipeline(TestMetrics.New(), NullLogger<ApiPipeline>.Instance).RunAsync(_endpoint, Requests.Json(Push(1000)));

        Assert.Equal(503, result.Status);
    }

    [Fact]
    public async Task CountsAnAcceptedPushAsOkAndLogsItOnceWithThePushIdItQueued()
    {
        using var recorder = new MetricRecorder(_metrics);

        await _endpoint.HandleAsync(Requests.Post(Requests.FormType, SeedPush.FormBody(_session.Token)));

        var measurement = Assert.Single(recorder.Of("evmonitor.pushes"));
        Assert.Equal(1, measurement.Value);
        Assert.Equal("OK", measurement.Tags["code"]);
        var line = Assert.Single(_log.Lines);
        // The id the normalizer logs too: the one in the queued message.
        Assert.Equal(TelemetryMessages.Unpack(Assert.Single(_sent).ToMemory()).PushId, line.Properties["PushId"]);
        Assert.Equal("accepted", line.Properties["Outcome"]);
        Assert.Equal("OK", line.Properties["Code"]);
        Assert.Equal(SeedPush.VehicleId, line.Properties["VehicleId"]);
        Assert.Equal(2, line.Properties["SnapshotCount"]);
        Assert.DoesNotContain(_session.Token, line.Message);
    }

    [Fact]
    public async Task TimesEveryStageOfAnAcceptedPushOnceAndTheirSumButTheEnqueueAsItsOwnWork()
    {
        using var recorder = new MetricRecorder(_metrics);

        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        await _endpoint.HandleAsync(Requests.Post(Requests.FormType, SeedPush.FormBody(_session.Token)));
        elapsed.Stop();

        var stages = recorder.Of(EvMonitorMetrics.PushStageName).ToDictionary(m => (string)m.Tags["stage"]!, m => m.Value);
        Assert.Equal([PushTimer.Parse, PushTimer.Token, PushTimer.Ownership, PushTimer.Build, PushTimer.Enqueue, PushTimer.OwnWork, PushTimer.OwnWorkGcPause], stages.Keys);
        Assert.All(stages.Values, milliseconds => Assert.True(milliseconds >= 0));
        var own = stages[PushTimer.Parse] + stages[PushTimer.Token] + stages[PushTimer.Ownership] + stages[PushTimer.Build];
        Assert.Equal(own, stages[PushTimer.OwnWork], 6);
        // A process cannot be paused longer than the time that passed, nor a thread use more CPU.
        Assert.InRange(stages[PushTimer.OwnWorkGcPause], 0, elapsed.Elapsed.TotalMilliseconds);
        // Listened to, the push's own work once more, as one that waited for nothing, with its thread CPU time.
        var unwaited = recorder.Of(EvMonitorMetrics.PushOwnWorkName).ToDictionary(m => (string)m.Tags["stage"]!, m => m.Value);
        Assert.Equal(stages[PushTimer.OwnWork], unwaited[PushTimer.OwnWorkNoWait]);
        Assert.InRange(unwaited[PushTimer.OwnWorkCpu], 0, elapsed.Elapsed.TotalMilliseconds);
    }

    [Fact]
    public async Task GivesNoThreadCpuTimeForAPushWhoseOwnWorkWaitedForStorage()
    {
        var owner = new TaskCompletionSource<string?>();
        _vehicles.Setup(v => v.FindOwnerAsync(SeedPush.VehicleId, It.IsAny<CancellationToken>())).Returns(owner.Task);
        using var recorder = new MetricRecorder(_metrics);

        var push = _endpoint.HandleAsync(Requests.Post(Requests.FormType, SeedPush.FormBody(_session.Token)));
        owner.SetResult(Session.UserId);
        await push;

        Assert.NotEmpty(recorder.Of(EvMonitorMetrics.PushStageName));
        Assert.Empty(recorder.Of(EvMonitorMetrics.PushOwnWorkName));
    }

    [Fact]
    public async Task TimesNoStageOfARejectedPush()
    {
        _vehicles.Setup(v => v.FindOwnerAsync(SeedPush.VehicleId, It.IsAny<CancellationToken>())).ReturnsAsync("someone-else");
        using var recorder = new MetricRecorder(_metrics);

        await _endpoint.HandleAsync(Requests.Post(Requests.FormType, SeedPush.FormBody(_session.Token)));

        Assert.Empty(recorder.Of(EvMonitorMetrics.PushStageName));
    }

    [Fact]
    public async Task CountsARejectedPushByItsErrorCode()
    {
        _vehicles.Setup(v => v.FindOwnerAsync(SeedPush.VehicleId, It.IsAny<CancellationToken>())).ReturnsAsync("someone-else");
        using var recorder = new MetricRecorder(_metrics);

        await _endpoint.HandleAsync(Requests.Post(Requests.FormType, SeedPush.FormBody(_session.Token)));

        Assert.Equal(1, recorder.Sum("evmonitor.pushes", "code", ErrorCodes.VehicleForbidden));
        Assert.Equal(0, recorder.Sum("evmonitor.pushes", "code", "OK"));
        var line = Assert.Single(_log.Lines);
        Assert.Equal("rejected", line.Properties["Outcome"]);
        Assert.Equal(ErrorCodes.VehicleForbidden, line.Properties["Code"]);
    }

    [Fact]
    public async Task CountsAPushThatMetAQueueOutageAsStorageUnavailableAndAsAStorage503OfPush()
    {
        _queue.Setup(q => q.SendAsync(It.IsAny<string>(), It.IsAny<BinaryData>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(0, "connection refused"));
        using var recorder = new MetricRecorder(_metrics);

        var result = await new ApiPipeline(_metrics, NullLogger<ApiPipeline>.Instance).RunAsync(_endpoint, Requests.Post(Requests.FormType, SeedPush.FormBody(_session.Token)));

        Assert.Equal(503, result.Status);
        Assert.Equal(1, recorder.Sum("evmonitor.pushes", "code", ErrorCodes.StorageUnavailable));
        Assert.Equal(1, recorder.Sum("evmonitor.storage.unavailable", "function", "push"));
        Assert.Equal(ErrorCodes.StorageUnavailable, Assert.Single(_log.Lines).Properties["Code"]);
    }

    [Fact]
    public async Task LogsNoVehicleIdLongerThanAnyValidOne()
    {
        var huge = new string('x', 100_000);

        await _endpoint.HandleAsync(Requests.Post(Requests.FormType, $"token={_session.Token}&vehicle_id={huge}"));

        var line = Assert.Single(_log.Lines);
        Assert.Null(line.Properties["VehicleId"]);
        Assert.DoesNotContain(huge, line.Message);
    }

    /// <summary>A JSON push of <paramref name="count"/> snapshots with two motors and a GPS fix each.</summary>
    private string Push(int count)
    {
        var body = new StringBuilder($$"""{"token":"{{_session.Token}}","vehicle_id":"{{SeedPush.VehicleId}}","data":[""");
        for (var i = 0; i < count; i++)
        {
            body.Append(i == 0 ? "" : ",")
                .Append($"{{\"timestamp\":{SeedPush.FirstTimestamp + i},")
                .Append("""
                    "general":{"speed":87,"state":1,"motor":[{"rpm":5200,"temp":70},{"rpm":5180,"temp":71}],"gps":{"lat":44.6471,"lng":10.9252,"acc":5}}}
                    """);
        }
        return body.Append("]}").ToString();
    }
}
