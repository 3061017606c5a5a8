using System.Text.Json.Nodes;
using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;
using EvMonitor.History;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.Vehicles;
using Moq;
using static EvMonitor.Core.Tests.Support.Requests;

namespace EvMonitor.Core.Tests.History;

public sealed class GetHistoryEndpointTests
{
    private const long From = 1732550400;
    private const long To = 1732557600;

    private readonly Mock<IVehicleStore> _vehicles = new();
    private readonly Mock<ITelemetryHistory> _history = new();
    private readonly Session _session = new();
    private readonly GetHistoryEndpoint _endpoint;
    private readonly string _token;

    public GetHistoryEndpointTests()
    {
        _vehicles.Setup(v => v.FindOwnerAsync("vehicle-a", It.IsAny<CancellationToken>())).ReturnsAsync("user-a");
        _vehicles.Setup(v => v.FindOwnerAsync("vehicle-b", It.IsAny<CancellationToken>())).ReturnsAsync("user-b");
        _history.Setup(h => h.ReadAsync(It.IsAny<string>(), It.IsAny<long>(), It.IsAny<long>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SnapshotPage([], null));
        _endpoint = new GetHistoryEndpoint(_history.Object, new VehicleAccess(_vehicles.Object), _session.Authenticator);
        _token = _session.TokenFor("user-a");
    }

    private Task<ApiResult> Call(params (string Key, string Value)[] fields) =>
        _endpoint.HandleAsync(Form([("token", _token), .. fields]));

    private static string[] ErrorFields(ApiResult result) =>
        result.Json()["errors"]!.AsArray().Select(e => (string)e!["field"]!).ToArray();

    [Fact]
    public async Task ReadsTheRangeWithTheDefaultLimitAndReturnsTheSnapshotsInOrder()
    {
        _history.Setup(h => h.ReadAsync("vehicle-a", From, To, HistoryQuery.DefaultLimit, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SnapshotPage([new JsonObject { ["timestamp"] = From }, new JsonObject { ["timestamp"] = From + 5 }], null));

        var result = await Call(("vehicle_id", "vehicle-a"), ("from", $"{From}"), ("to", $"{To}"));

        Assert.Equal(200, result.Status);
        Assert.Equal([From, From + 5], result.Json()["snapshots"]!.AsArray().Select(s => (long)s!["timestamp"]!));
        Assert.True(result.Json().ContainsKey("next_cursor"));
        Assert.Null(result.Json()["next_cursor"]);
    }

    [Fact]
    public async Task AcceptsIsoTimesWithAnOffset()
    {
        var result = await Call(("vehicle_id", "vehicle-a"), ("from", "2024-11-25T17:00:00+01:00"), ("to", "2024-11-25T18:00:00Z"), ("limit", "7"));

        Assert.Equal(200, result.Status);
        _history.Verify(h => h.ReadAsync("vehicle-a", From, To, 7, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task TheNextCursorStartsTheNextPageWhereThisOneEnded()
    {
        _history.Setup(h => h.ReadAsync("vehicle-a", From, To, 2, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SnapshotPage([new JsonObject { ["timestamp"] = From }, new JsonObject { ["timestamp"] = From + 1 }], From + 60));

        var first = await Call(("vehicle_id", "vehicle-a"), ("from", $"{From}"), ("to", $"{To}"), ("limit", "2"));
        var cursor = (string)first.Json()["next_cursor"]!;
        var second = await Call(("vehicle_id", "vehicle-a"), ("from", $"{From}"), ("to", $"{To}"), ("limit", "2"), ("cursor", cursor));

        Assert.Equal(200, second.Status);
        Assert.DoesNotContain($"{From + 60}", cursor);
        _history.Verify(h => h.ReadAsync("vehicle-a", From + 60, To, 2, It.IsAny<CancellationToken>()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("ten")]
    [InlineData("2.5")]
    [InlineData("-1")]
    public async Task ReturnsBadRequestNamingLimitGivenOneOutOfRange(string limit)
    {
        var result = await Call(("vehicle_id", "vehicle-a"), ("from", $"{From}"), ("to", $"{To}"), ("limit", limit));

        Assert.Equal(400, result.Status);
        Assert.Equal(["limit"], ErrorFields(result));
        _history.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsBadRequestNamingToGivenARangeThatEndsBeforeItStarts()
    {
        var result = await Call(("vehicle_id", "vehicle-a"), ("from", $"{To}"), ("to", $"{From}"));

        Assert.Equal(400, result.Status);
        Assert.Equal(["to"], ErrorFields(result));
    }

    [Fact]
    public async Task ListsEveryProblemGivenNothingButAToken()
    {
        var result = await Call();

        Assert.Equal(400, result.Status);
        Assert.Equal(["vehicle_id", "from", "to"], ErrorFields(result));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-11-25T16:00:00")] // no offset: which time zone?
    [InlineData("-5")]
    [InlineData("99999999999999")]
    public async Task ReturnsBadRequestNamingFromGivenATimeItCannotUse(string from)
    {
        var result = await Call(("vehicle_id", "vehicle-a"), ("from", from), ("to", $"{To}"));

        Assert.Equal(400, result.Status);
        Assert.Equal(["from"], ErrorFields(result));
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("aDE6MTczMjU1MDQwMA")] // well-formed base64url, but not a cursor
    public async Task ReturnsBadRequestNamingCursorGivenOneNotIssued(string cursor)
    {
        var result = await Call(("vehicle_id", "vehicle-a"), ("from", $"{From}"), ("to", $"{To}"), ("cursor", cursor));

        Assert.Equal(400, result.Status);
        Assert.Equal(["cursor"], ErrorFields(result));
        _history.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsBadRequestNamingCursorGivenOneForAnotherVehicle()
    {
        var result = await Call(("vehicle_id", "vehicle-a"), ("from", $"{From}"), ("to", $"{To}"), ("cursor", HistoryCursor.Encode("vehicle-b", From + 60)));

        Assert.Equal(400, result.Status);
        Assert.Equal(["cursor"], ErrorFields(result));
    }

    [Fact]
    public async Task ReturnsBadRequestNamingCursorGivenOneOutsideTheRange()
    {
        var result = await Call(("vehicle_id", "vehicle-a"), ("from", $"{From}"), ("to", $"{To}"), ("cursor", HistoryCursor.Encode("vehicle-a", To + 1)));

        Assert.Equal(400, result.Status);
        Assert.Equal(["cursor"], ErrorFields(result));
    }

    [Fact]
    public async Task ReturnsForbiddenWithoutReadingGivenAnotherUsersVehicle()
    {
        var result = await Call(("vehicle_id", "vehicle-b"), ("from", $"{From}"), ("to", $"{To}"));

        Assert.Equal(403, result.Status);
        Assert.Equal(ErrorCodes.VehicleForbidden, result.Code);
        _history.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReturnsNotFoundGivenAnUnknownVehicle()
    {
        var result = await Call(("vehicle_id", "nope"), ("from", $"{From}"), ("to", $"{To}"));

        Assert.Equal(404, result.Status);
        Assert.Equal(ErrorCodes.VehicleNotFound, result.Code);
    }
}
