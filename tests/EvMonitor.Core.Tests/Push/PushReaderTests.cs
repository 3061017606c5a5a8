using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Telemetry;
using static EvMonitor.Core.Tests.Push.PushReading;

namespace EvMonitor.Core.Tests.Push;

public sealed class PushReaderTests
{
    public static TheoryData<string, string> SeedEncodings => new()
    {
        { Requests.FormType, SeedPush.FormBody() },
        { Requests.JsonType, SeedPush.JsonBody() },
        { Requests.MultipartType, SeedPush.MultipartBody() },
    };

    [Theory]
    [MemberData(nameof(SeedEncodings))]
    public async Task ReadsTheSeedExampleGivenAnyEncoding(string contentType, string body)
    {
        var outcome = await ReadAsync(Requests.Post(contentType, body));

        Assert.Empty(outcome.Errors);
        Assert.Equal("o7axty6jzequrg5", outcome.Reader.Token);
        Assert.Equal(SeedPush.VehicleId, outcome.Reader.VehicleId);
        Assert.Equal("My cool app", outcome.Reader.UserAgent);
        Assert.Equal(2, outcome.Snapshots.Count);

        var first = outcome.Snapshots[0];
        Assert.Equal(1732550400, first.Timestamp);
        Assert.Equal(87, first.General["speed"]);
        Assert.Equal(1, first.General["state"]);
        Assert.Null(first.General["range"]);
        Assert.Equal([(0, 5200), (1, 5180)], first.Motors!.Select(m => (m.Index, m["rpm"]!.Value)));
        Assert.Null(first.Batteries);
        Assert.Equal(44.6471, first.Gps!["lat"]);
        Assert.Equal(10.9252, first.Gps["lng"]);
        Assert.Equal(5, first.Gps["acc"]);
        Assert.Null(first.Gps["alt"]);

        var second = outcome.Snapshots[1];
        Assert.Equal(1732550405, second.Timestamp);
        Assert.Equal(90, second.General["speed"]);
        Assert.Null(second.General["state"]);
        Assert.Equal([(0, 5400), (1, 5390)], second.Motors!.Select(m => (m.Index, m["rpm"]!.Value)));
        Assert.Null(second.Gps);
    }

    [Fact]
    public async Task ReadsEveryBatteryField()
    {
        var fields = new[] { "soc", "soc_wh", "v", "vmin", "vmax", "i", "i_charge", "w", "w_charge", "i_charge_max", "i_discharge_max",
            "temp", "temp_min", "temp_max", "coolfluid_temp", "coolfluid_pump", "soh" };

        var outcome = await ReadSnapshotAsync([.. fields.Select(f => ($"data[0][general][batt][3][{f}]", "1"))]);

        Assert.Empty(outcome.Errors);
        var battery = Assert.Single(outcome.Snapshots[0].Batteries!);
        Assert.Equal(3, battery.Index);
        Assert.All(fields, field => Assert.Equal(1, battery[field]));
    }

    [Fact]
    public async Task ReadsAnOptionalAltitude()
    {
        var outcome = await ReadSnapshotAsync(("data[0][general][gps][alt]", "-12.5"));

        Assert.Equal(-12.5, outcome.Snapshots[0].Gps!["alt"]);
    }

    [Fact]
    public async Task ReturnsSnapshotsInIndexOrderGivenNonContiguousIndexes()
    {
        var outcome = await ReadFormAsync(
            ("vehicle_id", SeedPush.VehicleId),
            ("data[7][timestamp]", "1732550407"),
            ("data[2][timestamp]", "1732550402"),
            ("data[42][timestamp]", "1732550442"),
            ("data[2][general][speed]", "2"));

        Assert.Empty(outcome.Errors);
        Assert.Equal([1732550402L, 1732550407, 1732550442], outcome.Snapshots.Select(s => s.Timestamp));
        Assert.Equal(2, outcome.Snapshots[0].General["speed"]);
    }

    [Fact]
    public async Task ReturnsComponentsInIndexOrder()
    {
        var outcome = await ReadSnapshotAsync(
            ("data[0][general][motor][9][rpm]", "9"),
            ("data[0][general][motor][0][rpm]", "0"),
            ("data[0][general][motor][255][rpm]", "255"));

        Assert.Equal([0, 9, 255], outcome.Snapshots[0].Motors!.Select(m => m.Index));
    }

    [Fact]
    public async Task ReadsEachReadingIntoItsOwnComponentGivenComponentsAndGroupsInterleaved()
    {
        var outcome = await ReadSnapshotAsync(
            ("data[0][general][motor][0][rpm]", "100"),
            ("data[0][general][motor][1][rpm]", "101"),
            ("data[0][general][motor][0][torque]", "200"),
            ("data[0][general][speed]", "87"),
            ("data[0][general][motor][1][torque]", "201"),
            ("data[0][general][batt][0][soc]", "50"),
            ("data[0][general][motor][0][temp]", "60"));

        var motors = outcome.Snapshots[0].Motors!;
        Assert.Equal([100.0, 200.0, 60.0], [motors[0]["rpm"]!.Value, motors[0]["torque"]!.Value, motors[0]["temp"]!.Value]);
        Assert.Equal([101.0, 201.0], [motors[1]["rpm"]!.Value, motors[1]["torque"]!.Value]);
        Assert.Equal(87, outcome.Snapshots[0].General["speed"]);
        Assert.Equal(50, Assert.Single(outcome.Snapshots[0].Batteries!)["soc"]);
    }

    [Theory]
    [InlineData("data[0][general][range]", "data[0][general][gps]", "data[0][general][gps]", "lat, lng and acc")]
    [InlineData("data[0][general][range]", "data[0][general][speed][x]", "data[0][general][speed]", "must be a number")]
    [InlineData("data[0][general][motor][0][torque]", "data[0][general][motor][0][rpm][0]", "data[0][general][motor][0][rpm]", "must be a number")]
    [InlineData("data[0][general][gps][lat]", "data[0][general][gps][acc][1]", "data[0][general][gps][acc]", "must be a number")]
    public async Task RejectsAKeyThatGoesOnPastAReadingGivenRightAfterAReadingOfTheSameGroup(string previous, string key, string field, string error)
    {
        var outcome = await ReadSnapshotAsync((previous, "20"), (key, "1"));

        Assert.Equal(field, outcome.SingleError.Field);
        Assert.Contains(error, outcome.SingleError.Error);
    }

    [Theory]
    [InlineData("data[0][general][motor][256][rpm]", "data[0][general][motor][256]")]
    [InlineData("data[0][general][motor][-1][rpm]", "data[0][general][motor][-1]")]
    [InlineData("data[0][general][motor][x][rpm]", "data[0][general][motor][x]")]
    [InlineData("data[0][general][motor][][rpm]", "data[0][general][motor][]")]
    [InlineData("data[0][general][batt][256][soc]", "data[0][general][batt][256]")]
    [InlineData("data[0][general][batt][-1][soc]", "data[0][general][batt][-1]")]
    [InlineData("data[0][general][batt][x][soc]", "data[0][general][batt][x]")]
    public async Task RejectsAComponentIndexOutside0To255(string key, string field)
    {
        var outcome = await ReadSnapshotAsync((key, "1"));

        Assert.Equal(field, outcome.SingleError.Field);
        Assert.Contains("0 to 255", outcome.SingleError.Error);
        Assert.Empty(outcome.Snapshots);
    }

    [Theory]
    [InlineData("data[x][timestamp]")]
    [InlineData("data[-1][timestamp]")]
    [InlineData("data[99999999999][timestamp]")]
    public async Task RejectsASnapshotIndexThatIsNotAWholeNumber(string key)
    {
        var outcome = await ReadFormAsync(("vehicle_id", SeedPush.VehicleId), (key, "1732550400"));

        Assert.Contains(outcome.Errors, e => e.Field == key && e.Error.Contains("snapshot index"));
        Assert.Empty(outcome.Snapshots);
    }

    [Fact]
    public async Task RequiresATimestampInEverySnapshot()
    {
        var outcome = await ReadSnapshotAsync(("data[1][general][speed]", "90"));

        Assert.Equal(new FieldError("data[1][timestamp]", "is required"), outcome.SingleError);
    }

    [Fact]
    public async Task RequiresTheVehicleId()
    {
        var outcome = await ReadFormAsync(("data[0][timestamp]", "1732550400"));

        Assert.Equal(new FieldError("vehicle_id", "is required"), outcome.SingleError);
        Assert.Empty(outcome.Snapshots);
    }

    [Fact]
    public async Task RequiresData()
    {
        var outcome = await ReadFormAsync(("token", "o7axty6jzequrg5"), ("vehicle_id", SeedPush.VehicleId));

        Assert.Equal("data", outcome.SingleError.Field);
        Assert.StartsWith("is required", outcome.SingleError.Error);
    }

    [Fact]
    public async Task RejectsDataGivenAsAFormScalar()
    {
        var outcome = await ReadFormAsync(("vehicle_id", SeedPush.VehicleId), ("data", "1732550400"));

        Assert.Equal("data", outcome.SingleError.Field);
        Assert.Contains("list of snapshots", outcome.SingleError.Error);
    }

    [Theory]
    [InlineData("""{"vehicle_id":"abcdefg1234","data":1732550400}""")]
    [InlineData("""{"vehicle_id":"abcdefg1234","data":"snapshots"}""")]
    public async Task RejectsDataGivenAsAJsonScalar(string json)
    {
        var outcome = await ReadAsync(Requests.Json(json));

        Assert.Equal("data", outcome.SingleError.Field);
        Assert.Contains("list of snapshots", outcome.SingleError.Error);
    }

    [Fact]
    public async Task RejectsASnapshotThatIsAScalar()
    {
        var outcome = await ReadAsync(Requests.Json("""{"vehicle_id":"abcdefg1234","data":[1732550400]}"""));

        Assert.Contains(outcome.Errors, e => e.Field == "data[0]");
        Assert.Empty(outcome.Snapshots);
    }

    [Fact]
    public async Task AcceptsAThousandSnapshots()
    {
        var fields = Enumerable.Range(0, 1000).Select(i => ($"data[{i}][timestamp]", (SeedPush.FirstTimestamp + i).ToString()));

        var outcome = await ReadFormAsync([("vehicle_id", SeedPush.VehicleId), .. fields]);

        Assert.False(outcome.Reader.TooManySnapshots);
        Assert.Empty(outcome.Errors);
        Assert.Equal(1000, outcome.Snapshots.Count);
    }

    [Fact]
    public async Task FlagsTooManySnapshotsGivenMoreThanAThousand()
    {
        var fields = Enumerable.Range(0, 1001).Select(i => ($"data[{i}][timestamp]", (SeedPush.FirstTimestamp + i).ToString()));

        var outcome = await ReadFormAsync([("vehicle_id", SeedPush.VehicleId), .. fields]);

        Assert.True(outcome.Reader.TooManySnapshots);
    }

    [Fact]
    public async Task IgnoresUnknownFields()
    {
        var outcome = await ReadSnapshotAsync(
            ("colour", "red"),
            ("data[0][note]", "x"),
            ("data[0][general][colour]", "red"),
            ("data[0][general][motor][0][sparkle]", "1"),
            ("data[0][general][batt][0][chemistry]", "NMC"),
            ("data[0][general][gps][heading]", "270"),
            ("meta[0][anything]", "1"));

        Assert.Empty(outcome.Errors);
        var snapshot = Assert.Single(outcome.Snapshots);
        Assert.Empty(snapshot.Motors ?? []);
        Assert.Empty(snapshot.Batteries ?? []);
        Assert.Equal(5, snapshot.Gps!["acc"]);
    }

    [Fact]
    public async Task ReturnsNoSnapshotAndEveryProblemGivenOneBadSnapshot()
    {
        var outcome = await ReadFormAsync(
            ("vehicle_id", SeedPush.VehicleId),
            ("data[0][timestamp]", "1732550400"),
            ("data[0][general][speed]", "87"),
            ("data[1][timestamp]", "1732550405"),
            ("data[1][general][speed]", "fast"),
            ("data[1][general][state]", "5"),
            ("data[2][general][motor][0][coolfluid_pump]", "0.5"));

        Assert.Empty(outcome.Snapshots);
        Assert.Equal(
            ["data[1][general][speed]", "data[1][general][state]", "data[2][general][motor][0][coolfluid_pump]", "data[2][timestamp]"],
            outcome.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task RejectsAUserAgentLongerThan256Characters()
    {
        var outcome = await ReadSnapshotAsync(("user-agent", new string('a', 257)));

        Assert.Equal("user-agent", outcome.SingleError.Field);
    }
}
