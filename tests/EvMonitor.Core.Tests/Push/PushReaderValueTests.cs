using System.Text.Json;
using System.Text.Json.Nodes;
using EvMonitor.Core.Tests.Telemetry;
using EvMonitor.Telemetry;
using static EvMonitor.Core.Tests.Push.PushReading;

namespace EvMonitor.Core.Tests.Push;

public sealed class PushReaderValueTests
{
    private static readonly string[] MeasuredKeys = [.. TelemetryFields.All.Where(f => f.Measured).Select(TelemetryFieldsTests.FormKey)];
    private static readonly string[] CategoricalKeys = [.. TelemetryFields.All.Where(f => !f.Measured).Select(TelemetryFieldsTests.FormKey)];

    /// <summary>Not numbers in any encoding this API reads.</summary>
    private static readonly string[] NotNumbers =
        ["fast", "", " ", "0x10", "NaN", "-NaN", "Infinity", "-Infinity", "∞", "1e400", "-1e400", "1,000", "1 000", "1_000", "71,5", "true", "1.2.3", "1e", "--1", "٧١"];

    private static readonly (string Value, string Error)[] NotWholeNumbers =
    [
        ("87.5", "must be an integer, without a fractional part"),
        ("0.1", "must be an integer, without a fractional part"),
        ("1.5E+0", "must be an integer, without a fractional part"),
        ("fast", "must be an integer"),
        ("", "must be an integer"),
        ("0x10", "must be an integer"),
        ("NaN", "must be an integer"),
        ("Infinity", "must be an integer"),
        ("1,000", "must be an integer"),
        ("true", "must be an integer"),
        ("2147483648", "must be an integer from -2147483648 to 2147483647"),
        ("1e12", "must be an integer from -2147483648 to 2147483647"),
    ];

    public static TheoryData<string, string> MeasuredFieldsWithNonNumbers()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in MeasuredKeys)
        {
            foreach (var value in NotNumbers)
                data.Add(field, value);
        }
        return data;
    }

    public static TheoryData<string, string, string> CategoricalFieldsWithBadValues()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var field in CategoricalKeys)
        {
            foreach (var (value, error) in NotWholeNumbers)
                data.Add(field, value, error);
        }
        return data;
    }

    public static TheoryData<string> MeasuredFieldKeys => [.. MeasuredKeys];

    [Theory]
    [MemberData(nameof(MeasuredFieldsWithNonNumbers))]
    public async Task RejectsAMeasuredReadingThatIsNotAFiniteNumberNamingTheField(string field, string value)
    {
        var outcome = await ReadSnapshotAsync((field, value));

        Assert.Equal(new(field, "must be a number"), outcome.SingleError);
        Assert.Empty(outcome.Snapshots);
    }

    [Theory]
    [MemberData(nameof(CategoricalFieldsWithBadValues))]
    public async Task RejectsACategoricalValueGivenAFractionANonNumberOrAnOverflow(string field, string value, string error)
    {
        var outcome = await ReadSnapshotAsync((field, value));

        Assert.Equal(new(field, error), outcome.SingleError);
        Assert.Empty(outcome.Snapshots);
    }

    [Theory]
    [MemberData(nameof(MeasuredFieldKeys))]
    public async Task AcceptsADecimalInEveryMeasuredReading(string field)
    {
        foreach (var spelling in new[] { "71.5", " 71.5 ", "+71.5", "71.50", "7.15e1", "7.15E+1", "0.715E+2", "715E-1", "0071.5" })
        {
            var outcome = await ReadSnapshotAsync((field, spelling));

            Assert.Empty(outcome.Errors);
            Assert.Equal(71.5, ValueAt(outcome.Snapshots[0], field));
        }
    }

    [Theory]
    [InlineData("-3.2", -3.2)]
    [InlineData("-0.5e-3", -0.0005)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5)]
    [InlineData("1.5E+3", 1500)]
    [InlineData("1.0E+25", 1e25)]
    [InlineData("1e-7", 1e-7)]
    [InlineData("12000.3", 12000.3)]
    [InlineData("-2147483649", -2147483649)]
    [InlineData("1.7976931348623157E+308", double.MaxValue)]
    [InlineData("5E-324", double.Epsilon)]
    [InlineData("4.12376E+4", 41237.6)]
    [InlineData("-9.99999999999999E+22", -9.99999999999999E+22)]
    [InlineData("123456789012345e-22", 1.23456789012345e-8)]
    [InlineData("1.5e+000", 1.5)]
    [InlineData("1.5e0001", 15)]
    public async Task ReadsAMeasuredReadingAsTheDoubleItSpells(string value, double expected)
    {
        var outcome = await ReadSnapshotAsync(("data[0][general][batt][0][i]", value));

        Assert.Empty(outcome.Errors);
        Assert.Equal(expected, outcome.Snapshots[0].Batteries![0]["i"]);
    }

    /// <summary>
    /// Decimals of up to 15 digits with exponents around the range the reader computes itself,
    /// against .NET's own parser as the source of truth: every one must be the same double, to the bit.
    /// </summary>
    [Fact]
    public async Task ReadsGeneratedDecimalsWithExponentsAsTheSameDoubleAsTheGeneralParser()
    {
        var random = new Random(20261130);
        for (var i = 0; i < 300; i++)
        {
            var mantissa = random.NextInt64(0, 1_000_000_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var point = random.Next(0, mantissa.Length + 1);
            var value = (random.Next(2) == 0 ? "-" : "") + mantissa[..point] + "." + mantissa[point..]
                + (random.Next(4) == 0 ? "" : $"{(random.Next(2) == 0 ? 'e' : 'E')}{(random.Next(2) == 0 ? "-" : "+")}{random.Next(0, 40)}");
            if (value.TrimStart('-') == ".")
                continue;
            var expected = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

            var outcome = await ReadSnapshotAsync(("data[0][general][batt][0][i]", value));

            Assert.Empty(outcome.Errors);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(outcome.Snapshots[0].Batteries![0]["i"]!.Value), value);
        }
    }

    [Theory]
    [InlineData("87", 87)]
    [InlineData("+1", 1)]
    [InlineData("10.0", 10)]
    [InlineData("1.1e1", 11)]
    [InlineData(" 0 ", 0)]
    public async Task AcceptsACategoricalValueWrittenAnyWholeWay(string value, int expected)
    {
        var state = expected is 0 or 1 or 10 or 11;
        var outcome = await ReadSnapshotAsync((state ? "data[0][general][state]" : "data[0][general][speed]", value));

        Assert.Empty(outcome.Errors);
        Assert.Equal(expected, outcome.Snapshots[0].General[state ? "state" : "speed"]);
    }

    [Fact]
    public async Task AcceptsJsonDecimalsAndRejectsAJsonFractionForACategoricalField()
    {
        var outcome = await ReadAsync(Support.Requests.Json("""
            {"vehicle_id":"abcdefg1234","data":[{"timestamp":1732550400,"general":{"speed":82.4,"range":1.405E+2,"state":1.5}}]}
            """));

        Assert.Equal(new("data[0][general][state]", "must be an integer, without a fractional part"), outcome.SingleError);
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
    [InlineData("data[0][general][batt][0][soc]", "99.99")]
    [InlineData("data[0][general][batt][0][soh]", "1E+2")]
    [InlineData("data[0][general][gps][acc]", "0.5")]
    [InlineData("data[0][general][gps][alt]", "-1E+5")]
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
    [InlineData("data[0][general][gps][acc]", "-0.1", "must not be negative")]
    [InlineData("data[0][general][batt][0][soc]", "100.01", "must be a percentage from 0 to 100")]
    [InlineData("data[0][general][batt][0][soh]", "-0.5", "must be a percentage from 0 to 100")]
    [InlineData("data[0][general][gps][alt]", "1.00001E+5", "must be from -100000 to 100000")]
    [InlineData("data[0][general][motor][0][coolfluid_pump]", "0.5", "must be an integer, without a fractional part")]
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

    /// <summary>The value a snapshot holds for a form key, found through the snapshot's queue JSON.</summary>
    private static double? ValueAt(Snapshot snapshot, string field)
    {
        JsonNode? node = JsonSerializer.SerializeToNode(snapshot, TelemetryJsonContext.Default.Snapshot);
        foreach (var segment in field.Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries).Skip(3))
            node = int.TryParse(segment, out _) ? node![0] : node![segment];
        return node?.GetValue<double>();
    }
}
