using System.Text.Json;
using System.Text.Json.Nodes;
using EvMonitor.Telemetry;
using static EvMonitor.Core.Tests.Push.PushReading;

namespace EvMonitor.Core.Tests.Push;

public sealed class PushReaderValueTests
{
    /// <summary>Every integer field of API.md's table.</summary>
    private static readonly string[] IntFields =
    [
        "data[0][general][speed]", "data[0][general][range]", "data[0][general][state]", "data[0][general][odometer]", "data[0][general][watt_100km]",
        .. new[] { "watt", "rpm", "torque", "temp", "coolfluid_temp", "coolfluid_pump" }.Select(f => $"data[0][general][motor][0][{f}]"),
        .. new[] { "soc", "soc_wh", "v", "vmin", "vmax", "i", "i_charge", "w", "w_charge", "i_charge_max", "i_discharge_max",
            "temp", "temp_min", "temp_max", "coolfluid_temp", "coolfluid_pump", "soh" }.Select(f => $"data[0][general][batt][0][{f}]"),
        "data[0][general][gps][acc]",
    ];

    private static readonly (string Value, string Error)[] NotInts =
    [
        ("87.5", "must be an integer, without a fractional part"),
        ("0.1", "must be an integer, without a fractional part"),
        ("fast", "must be an integer"),
        ("", "must be an integer"),
        ("0x10", "must be an integer"),
        ("NaN", "must be an integer"),
        ("true", "must be an integer"),
        ("2147483648", "must be an integer from -2147483648 to 2147483647"),
        ("-2147483649", "must be an integer from -2147483648 to 2147483647"),
        ("1e12", "must be an integer from -2147483648 to 2147483647"),
    ];

    public static TheoryData<string> IntFieldKeys => [.. IntFields];

    public static TheoryData<string, string, string> IntFieldsWithBadValues()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var field in IntFields)
        {
            foreach (var (value, error) in NotInts)
                data.Add(field, value, error);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(IntFieldsWithBadValues))]
    public async Task RejectsAnIntFieldGivenAFractionANonNumberOrAnOverflow(string field, string value, string error)
    {
        var outcome = await ReadSnapshotAsync((field, value));

        Assert.Equal(field, outcome.SingleError.Field);
        Assert.Equal(error, outcome.SingleError.Error);
        Assert.Empty(outcome.Snapshots);
    }

    [Theory]
    [MemberData(nameof(IntFieldKeys))]
    public async Task StoresAnIntFieldUnderItsOwnName(string field)
    {
        var outcome = await ReadSnapshotAsync((field, " 1 "));

        Assert.Empty(outcome.Errors);
        Assert.Equal(1, (int)ValueAt(outcome.Snapshots[0], field)!);
    }

    [Theory]
    [InlineData("87", 87)]
    [InlineData("+87", 87)]
    [InlineData("-40", -40)]
    [InlineData("87.0", 87)]
    [InlineData("8.7e1", 87)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("-2147483648", int.MinValue)]
    public async Task AcceptsWholeNumbersWrittenAnyWay(string value, int expected)
    {
        var outcome = await ReadSnapshotAsync(("data[0][general][motor][0][temp]", value));

        Assert.Empty(outcome.Errors);
        Assert.Equal(expected, outcome.Snapshots[0].Motors![0]["temp"]);
    }

    [Fact]
    public async Task AcceptsJsonNumbersAndRejectsJsonFractions()
    {
        var outcome = await ReadAsync(Support.Requests.Json("""
            {"vehicle_id":"abcdefg1234","data":[{"timestamp":1732550400,"general":{"speed":87,"range":87.5}}]}
            """));

        Assert.Equal(new("data[0][general][range]", "must be an integer, without a fractional part"), outcome.SingleError);
    }

    [Theory]
    [InlineData("data[0][general][state]", "0")]
    [InlineData("data[0][general][state]", "1")]
    [InlineData("data[0][general][state]", "10")]
    [InlineData("data[0][general][state]", "11")]
    [InlineData("data[0][general][motor][0][coolfluid_pump]", "0")]
    [InlineData("data[0][general][batt][0][coolfluid_pump]", "1")]
    [InlineData("data[0][general][batt][0][soc]", "0")]
    [InlineData("data[0][general][batt][0][soc]", "100")]
    [InlineData("data[0][general][batt][0][soh]", "0")]
    [InlineData("data[0][general][batt][0][soh]", "100")]
    [InlineData("data[0][general][gps][lat]", "90")]
    [InlineData("data[0][general][gps][lat]", "-90")]
    [InlineData("data[0][general][gps][lng]", "180")]
    [InlineData("data[0][general][gps][lng]", "-180.0")]
    [InlineData("data[0][general][gps][acc]", "0")]
    [InlineData("data[0][general][speed]", "-5")]
    public async Task AcceptsAValueAtTheEdgeOfItsRange(string field, string value)
    {
        var outcome = await ReadSnapshotAsync((field, value));

        Assert.Empty(outcome.Errors);
        Assert.Single(outcome.Snapshots);
    }

    [Theory]
    [InlineData("data[0][general][state]", "2", "must be 0 (off), 1 (on), 10 (charging AC) or 11 (charging DC)")]
    [InlineData("data[0][general][state]", "-1", "must be 0 (off), 1 (on), 10 (charging AC) or 11 (charging DC)")]
    [InlineData("data[0][general][state]", "12", "must be 0 (off), 1 (on), 10 (charging AC) or 11 (charging DC)")]
    [InlineData("data[0][general][batt][0][soc]", "-1", "must be a percentage from 0 to 100")]
    [InlineData("data[0][general][batt][0][soc]", "101", "must be a percentage from 0 to 100")]
    [InlineData("data[0][general][batt][0][soh]", "-1", "must be a percentage from 0 to 100")]
    [InlineData("data[0][general][batt][0][soh]", "101", "must be a percentage from 0 to 100")]
    [InlineData("data[0][general][motor][0][coolfluid_pump]", "2", "must be 0 (off) or 1 (on)")]
    [InlineData("data[0][general][motor][0][coolfluid_pump]", "-1", "must be 0 (off) or 1 (on)")]
    [InlineData("data[0][general][batt][0][coolfluid_pump]", "2", "must be 0 (off) or 1 (on)")]
    [InlineData("data[0][general][batt][0][coolfluid_pump]", "-1", "must be 0 (off) or 1 (on)")]
    [InlineData("data[0][general][gps][lat]", "90.0001", "must be from -90 to 90")]
    [InlineData("data[0][general][gps][lat]", "-91", "must be from -90 to 90")]
    [InlineData("data[0][general][gps][lng]", "180.5", "must be from -180 to 180")]
    [InlineData("data[0][general][gps][lng]", "-181", "must be from -180 to 180")]
    [InlineData("data[0][general][gps][acc]", "-1", "must not be negative")]
    [InlineData("data[0][general][gps][lat]", "north", "must be a number")]
    [InlineData("data[0][general][gps][lng]", "", "must be a number")]
    [InlineData("data[0][general][gps][lat]", "Infinity", "must be a number")]
    [InlineData("data[0][general][gps][alt]", "high", "must be a number")]
    public async Task RejectsAValueOutsideItsRangeNamingTheField(string field, string value, string error)
    {
        var outcome = await ReadSnapshotAsync((field, value));

        Assert.Equal(new(field, error), outcome.SingleError);
        Assert.Empty(outcome.Snapshots);
    }

    [Theory]
    [InlineData("lat")]
    [InlineData("lng")]
    [InlineData("acc")]
    public async Task RequiresLatLngAndAccGivenGps(string missing)
    {
        var sent = new[] { "lat", "lng", "acc" }.Where(f => f != missing).Select(f => ($"data[0][general][gps][{f}]", "1"));

        var outcome = await ReadFormAsync([("vehicle_id", "abcdefg1234"), ("data[0][timestamp]", "1732550400"), .. sent]);

        Assert.Equal(new($"data[0][general][gps][{missing}]", "is required when gps is sent"), outcome.SingleError);
        Assert.Empty(outcome.Snapshots);
    }

    [Fact]
    public async Task RequiresEachGpsValueGivenOnlyAnAltitude()
    {
        var outcome = await ReadFormAsync(("vehicle_id", "abcdefg1234"), ("data[0][timestamp]", "1732550400"), ("data[0][general][gps][alt]", "120"));

        Assert.Equal(["data[0][general][gps][lat]", "data[0][general][gps][lng]", "data[0][general][gps][acc]"], outcome.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task DoesNotAddARequiredErrorGivenAnInvalidGpsValue()
    {
        var outcome = await ReadSnapshotAsync(("data[0][general][gps][lat]", "95"));

        Assert.Equal("data[0][general][gps][lat]", outcome.SingleError.Field);
    }

    /// <summary>The value a snapshot holds for a form key, found through the snapshot's own JSON names.</summary>
    private static JsonNode? ValueAt(Snapshot snapshot, string field)
    {
        JsonNode? node = JsonSerializer.SerializeToNode(snapshot, TelemetryJsonContext.Default.Snapshot);
        foreach (var segment in field.Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries).Skip(3))
            node = int.TryParse(segment, out _) ? node![0] : node![segment];
        return node;
    }
}
