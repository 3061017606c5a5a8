using System.Text;
using System.Text.Json;
using EvMonitor.Api;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Push;
using EvMonitor.Telemetry;

namespace EvMonitor.Core.Tests.Push;

/// <summary>
/// A JSON push is read in its own shape, not as form keys. The reference for each body is the form
/// body of the same fields, spelled as the contract maps JSON to form keys (an object's names as
/// <c>[name]</c>, an array's positions as <c>[position]</c>; here with <see cref="JsonDocument"/>,
/// which reads JSON independently of the push reader): both must give the same snapshots, the
/// same errors naming the same fields, and the same token, vehicle and user agent. Some outcomes
/// are also asserted outright, so that both roads going wrong alike would show.
/// </summary>
public sealed class PushReaderJsonTests
{
    private static readonly long T = SeedPush.FirstTimestamp;

    private static string Push(string data) =>
        $$"""{"token":"o7axty6jzequrg5","vehicle_id":"{{SeedPush.VehicleId}}","data":{{data.Replace("T0", T.ToString()).Replace("T1", (T + 5).ToString())}}}""";

    private const string Gps = """ "gps":{"lat":44.6471,"lng":10.9252,"acc":5} """;

    public static TheoryData<string> Bodies => new()
    {
        // the contract's shapes
        Push("""[{"timestamp":T0,"general":{"speed":87,"state":1,"motor":[{"rpm":5200},{"rpm":5180}],"batt":[{"soc":80.5,"v":398.2}],"""+Gps+"""}}]"""),
        Push("""{"0":{"timestamp":T0,"general":{"speed":87,"motor":{"0":{"rpm":5200},"1":{"rpm":5180}},"batt":{"0":{"soc":80}}}}}"""),
        Push("""{"1":{"timestamp":T1,"general":{"speed":90}},"0":{"timestamp":T0,"general":{"speed":87}}}"""),
        Push("""[{"timestamp":T0,"general":{"motor":{"7":{"rpm":1},"3":{"rpm":2},"007":{"torque":3}}}}]"""),
        Push("""[{"timestamp":T0,"general":{"watt_100km":4.12376E+4,"odometer":1.2345e4,"range":-0}}]"""),
        // duplicate names: the last value wins, groups merge
        Push("""[{"timestamp":T0,"general":{"speed":10,"speed":20}}]"""),
        Push("""[{"timestamp":T0,"general":{"speed":10},"general":{"range":20}}]"""),
        Push("""[{"timestamp":T0,"timestamp":T1}]"""),
        Push("""[{"timestamp":T0,"timestamp":"x"}]"""),
        Push("""[{"timestamp":T0,"general":{"speed":"x","speed":5}}]"""),
        Push("""[{"timestamp":T0}],"data":[{"general":{"speed":1}},{"timestamp":T1}]"""),
        // escaped and bracketed names mean what their unescaped form key means
        Push("""[{"time\u0073tamp":T0,"gener\u0061l":{"sp\u0065ed":87,"motor":[{"r\u0070m":1}]}}]"""),
        Push("""[{"timestamp":T0}],"d\u0061ta":[{"general":{"speed":3}}]"""),
        Push("""[{"timestamp":T0,"general][speed":5}]"""),
        Push("""{"0][timestamp":T0,"0][general][gps][lat":1}"""),
        Push("""[{"timestamp":T0,"general":{"motor][0][rpm":5}}]"""),
        // unknown names are ignored, yet a snapshot they name exists
        Push("""[{"timestamp":T0,"x":1,"general":{"y":{"z":[1,2]},"motor":[{"w":1}],"batt":{"0":{"soc":1,"q":2}},"gps":{"lat":1,"lng":2,"acc":3,"b":4}}}]"""),
        Push("""[{"timestamp":T0},{"general":{"unknown":1}}]"""),
        Push("""[{"timestamp":T0},{"general":{"unknown":null}},{}]"""),
        // values in the wrong shape
        Push("""[{"timestamp":T0,"general":{"speed":"87","state":true,"range":[1],"odometer":{"a":1},"watt_100km":null}}]"""),
        Push("""[{"timestamp":"2024-11-25T16:00:00Z"},{"timestamp":T1.5},{"timestamp":1732550400000},{"timestamp":[T0]},{"timestamp":{"a":T0}}]"""),
        Push("""[{"timestamp":T0,"general":{"motor":5,"batt":"x","gps":[1,2]}}]"""),
        Push("""[{"timestamp":T0,"general":{"motor":[1,[2],{"rpm":[3]}],"batt":{"x":{"soc":1},"256":{"soc":2},"-1":{"soc":3},"00000000000":{"soc":4}}}}]"""),
        Push("""[5,"x",true,null,[{"timestamp":T0}]]"""),
        Push("""{"x":{"timestamp":T0},"2147483648":{"timestamp":T0},"-0":{"timestamp":T0}}"""),
        Push("\"not a list\""),
        Push("12"),
        Push("[]"),
        Push("{}"),
        Push("null"),
        // nesting deeper than the contract's
        Push("""[{"timestamp":T0,"general":{"speed":[[[[[[1]]]]]],"motor":[[[{"rpm":1}]]],"gps":{"lat":{"lat":{"lat":1}}}}}]"""),
        // numbers at and beyond the limits of their ranges
        Push("""[{"timestamp":T0,"general":{"batt":[{"soc":100,"soh":0,"temp":-273.15},{"soc":100.0000000000001,"soh":-1e-300}],"gps":{"lat":90,"lng":-180,"acc":0,"alt":100000}}}]"""),
        Push("""[{"timestamp":T0,"general":{"gps":{"lat":90.0000001,"lng":180.1,"acc":-0.1,"alt":-100000.5}}}]"""),
        Push("""[{"timestamp":T0,"general":{"state":11,"motor":[{"coolfluid_pump":1.0},{"coolfluid_pump":1e0},{"coolfluid_pump":2},{"coolfluid_pump":0.5}]}}]"""),
        Push("""[{"timestamp":T0,"general":{"state":2147483648,"speed":1e400,"range":-1e400,"odometer":0.000000000000000000000000000000000000001234}}]"""),
        Push("""[{"timestamp":T0,"general":{"speed":123456789012345678901234567890,"range":1.00000000000000000000000000000001}}]"""),
        Push("""[{"timestamp":0},{"timestamp":946684799},{"timestamp":946684800},{"timestamp":99999999999999999999}]"""),
        Push("""[{"timestamp":T0,"general":{"gps":{"lat":1}}}]"""),
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task AJsonPushReadsAsTheFormOfTheSameFields(string json)
    {
        var read = await PushReading.ReadAsync(Requests.Json(json));
        var reference = await PushReading.ReadAsync(Requests.Form([.. FormFields(json)]));

        Assert.Equal(Describe(reference), Describe(read));
    }

    [Fact]
    public async Task ARepeatedReadingKeepsItsLastValue()
    {
        var read = await PushReading.ReadAsync(Requests.Json(Push("""[{"timestamp":T0,"general":{"speed":10,"speed":20}}]""")));

        Assert.Empty(read.Errors);
        Assert.Equal(20, Assert.Single(read.Snapshots).General["speed"]);
    }

    [Fact]
    public async Task EscapedNamesAreReadAsTheNamesTheySpell()
    {
        var read = await PushReading.ReadAsync(Requests.Json(Push("""[{"time\u0073tamp":T0,"gener\u0061l":{"sp\u0065ed":87,"motor":[{"r\u0070m":1}]}}]""")));

        Assert.Empty(read.Errors);
        var snapshot = Assert.Single(read.Snapshots);
        Assert.Equal(87, snapshot.General["speed"]);
        Assert.Equal(1, Assert.Single(snapshot.Motors!)["rpm"]);
    }

    [Fact]
    public async Task AReadingOutOfRangeIsNamedByItsFormKey()
    {
        var read = await PushReading.ReadAsync(Requests.Json(Push("""[{"timestamp":T0},{"timestamp":T1,"general":{"batt":{"3":{"soc":100.5}}}}]""")));

        Assert.Equal(new FieldError("data[1][general][batt][3][soc]", "must be a percentage from 0 to 100"), read.SingleError);
    }

    [Fact]
    public async Task AMotorIndexOverTheLimitIsNamedByItsPosition()
    {
        var motors = string.Join(",", Enumerable.Repeat("""{"rpm":1}""", ApiLimits.MaxComponentIndex + 2));
        var read = await PushReading.ReadAsync(Requests.Json(Push("""[{"timestamp":T0,"general":{"motor":[MOTORS]}}]""".Replace("MOTORS", motors))));

        Assert.Equal(new FieldError("data[0][general][motor][256]", "index must be a whole number from 0 to 255"), read.SingleError);
    }

    [Fact]
    public async Task MoreSnapshotsThanTheLimitAreFlaggedAsTheFormFlagsThem()
    {
        var snapshots = string.Join(",", Enumerable.Range(0, ApiLimits.MaxSnapshotsPerPush + 1).Select(i => """{"timestamp":TIME,"general":{"speed":1}}""".Replace("TIME", (T + i).ToString())));
        var json = Push($"[{snapshots}]");

        var read = await PushReading.ReadAsync(Requests.Json(json));
        var reference = await PushReading.ReadAsync(Requests.Form([.. FormFields(json)]));

        Assert.True(read.Reader.TooManySnapshots);
        Assert.Equal(Describe(reference), Describe(read));
    }

    [Theory]
    [InlineData("""{"data":[{"general":{"NAME":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}}]}""")]
    [InlineData("""{"data":{"0":{"general":{"motor":{"0":{"NAME":1}}}}}}""")]
    [InlineData("""{"data":[{"general":{"batt":[{"soc":1}],"x":{"y":[{"a":"\ud800"}]}}}]}""")]
    [InlineData("""{"data":[{"timestamp":1732550400,"\udc00":1}]}""")]
    [InlineData("""{"data":[{"timestamp":1732550400,"general":{"speed":1}}],"x":""")]
    public async Task ABodyRefusedAsFormKeysIsRefusedAlikeThroughThePushReader(string template)
    {
        var json = template.Replace("NAME", new string('n', 1000));

        var asPush = await RequestBodyParser.ParseAsync(Requests.Json(json), new PushReader(SeedPush.Now));
        var asFields = await RequestBodyParser.ParseAsync(Requests.Json(json), new FieldRecorder());

        Assert.NotNull(asFields);
        Assert.Equal(asFields.ToJsonString(), asPush?.ToJsonString());
    }

    /// <summary>The body's values as form fields, in order: what the contract says a JSON body means.</summary>
    private static List<(string Key, string Value)> FormFields(string json)
    {
        var fields = new List<(string, string)>();
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
            Spell(property.Name, property.Value, fields);
        return fields;
    }

    private static void Spell(string key, JsonElement value, List<(string, string)> fields)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                    Spell($"{key}[{property.Name}]", property.Value, fields);
                break;
            case JsonValueKind.Array:
                var position = 0;
                foreach (var item in value.EnumerateArray())
                    Spell($"{key}[{position++}]", item, fields);
                break;
            case JsonValueKind.String:
                fields.Add((key, value.GetString()!));
                break;
            case JsonValueKind.Null:
                break;
            default:
                fields.Add((key, value.GetRawText()));
                break;
        }
    }

    private static string Describe(PushReading.Outcome outcome)
    {
        var text = new StringBuilder();
        var reader = outcome.Reader;
        text.AppendLine($"token={reader.Token} vehicle={reader.VehicleId} agent={reader.UserAgent} tooMany={reader.TooManySnapshots} errors={reader.ErrorCount}");
        foreach (var error in outcome.Errors)
            text.AppendLine($"{error.Field}: {error.Error}");
        text.Append(JsonSerializer.Serialize(outcome.Snapshots.ToList(), TelemetryJsonContext.Default.ListSnapshot));
        return text.ToString();
    }
}
