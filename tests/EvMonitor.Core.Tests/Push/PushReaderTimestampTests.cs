using EvMonitor.Core.Tests.Support;
using static EvMonitor.Core.Tests.Push.PushReading;

namespace EvMonitor.Core.Tests.Push;

public sealed class PushReaderTimestampTests
{
    private const string Field = "data[0][timestamp]";

    private static readonly long Now = SeedPush.Now.ToUnixTimeSeconds();

    [Theory]
    [InlineData("1732550400", 1732550400)]
    [InlineData(" 1732550400 ", 1732550400)]
    [InlineData("946684800", 946684800)]
    [InlineData("2024-11-25T16:00:00Z", 1732550400)]
    [InlineData("2024-11-25T16:00:00z", 1732550400)]
    [InlineData("2024-11-25T17:00:00+01:00", 1732550400)]
    [InlineData("2024-11-25T11:00:00-05:00", 1732550400)]
    [InlineData("2024-11-25T16:00:00.750Z", 1732550400)]
    public async Task AcceptsUnixSecondsOrIsoWithAnOffset(string value, long expected)
    {
        var outcome = await ReadFormAsync(("vehicle_id", SeedPush.VehicleId), (Field, value));

        Assert.Empty(outcome.Errors);
        Assert.Equal(expected, outcome.Snapshots[0].Timestamp);
    }

    [Fact]
    public async Task AcceptsAJsonNumber()
    {
        var outcome = await ReadAsync(Requests.Json("""{"vehicle_id":"abcdefg1234","data":[{"timestamp":1732550400}]}"""));

        Assert.Equal(1732550400, outcome.Snapshots[0].Timestamp);
    }

    [Theory]
    [InlineData("2024-11-25T16:00:00")]
    [InlineData("2024-11-25 16:00:00")]
    [InlineData("2024-11-25")]
    [InlineData("25/11/2024 16:00")]
    [InlineData("1732550400.5")]
    [InlineData("yesterday")]
    [InlineData("")]
    public async Task RejectsAnythingElse(string value)
    {
        var outcome = await ReadFormAsync(("vehicle_id", SeedPush.VehicleId), (Field, value));

        Assert.Equal(Field, outcome.SingleError.Field);
        Assert.StartsWith("must be Unix time in whole seconds or an ISO-8601 date and time with an offset", outcome.SingleError.Error);
        Assert.Empty(outcome.Snapshots);
    }

    [Fact]
    public async Task AcceptsFiveMinutesInTheFuture()
    {
        var outcome = await ReadFormAsync(("vehicle_id", SeedPush.VehicleId), (Field, (Now + 300).ToString()));

        Assert.Empty(outcome.Errors);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(86_400)]
    public async Task RejectsMoreThanFiveMinutesInTheFuture(long secondsAhead)
    {
        var outcome = await ReadFormAsync(("vehicle_id", SeedPush.VehicleId), (Field, (Now + secondsAhead).ToString()));

        Assert.Equal(new(Field, "must not be more than 5 minutes in the future"), outcome.SingleError);
    }

    [Fact]
    public async Task RejectsAnIsoTimeMoreThanFiveMinutesInTheFuture()
    {
        var outcome = await ReadFormAsync(("vehicle_id", SeedPush.VehicleId), (Field, SeedPush.Now.AddMinutes(6).ToString("O")));

        Assert.Equal(new(Field, "must not be more than 5 minutes in the future"), outcome.SingleError);
    }

    [Fact]
    public async Task RejectsMillisecondsWithAHint()
    {
        var outcome = await ReadFormAsync(("vehicle_id", SeedPush.VehicleId), (Field, "1732550400000"));

        Assert.Equal(Field, outcome.SingleError.Field);
        Assert.Contains("milliseconds", outcome.SingleError.Error);
        Assert.Contains("whole seconds", outcome.SingleError.Error);
    }

    [Theory]
    [InlineData("946684799")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1999-12-31T23:59:59Z")]
    public async Task RejectsATimeBefore2000(string value)
    {
        var outcome = await ReadFormAsync(("vehicle_id", SeedPush.VehicleId), (Field, value));

        Assert.Equal(new(Field, "must not be before 2000-01-01T00:00:00Z"), outcome.SingleError);
    }

    [Fact]
    public async Task RejectsANestedTimestamp()
    {
        var outcome = await ReadFormAsync(("vehicle_id", SeedPush.VehicleId), ("data[0][timestamp][0]", "1732550400"));

        Assert.Contains(outcome.Errors, e => e.Field == "data[0][timestamp][0]");
        Assert.Empty(outcome.Snapshots);
    }
}
