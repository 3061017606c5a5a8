using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.IntegrationTests;

/// <summary>
/// Pushes with decimal readings as real apps build them: a PHP app with <c>http_build_query</c>, a
/// JavaScript app with <c>qs</c>, and a JSON body; stored in the telemetry table and read back with
/// <c>get_latest</c> as the numbers each client sent.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AppClientPushTests(SharedService shared) : IClassFixture<SharedService>
{
    private RunningService Service => shared.Service;

    [Fact]
    public void TheEncodersFollowTheLibrariesOwnExamples()
    {
        // php-src ext/standard/tests/http/http_build_query/bug77608.phpt
        Assert.Equal("x=1.0E%2B14&y=1E%2B14", PhpHttpBuildQuery.Build(new Map { { "x", 1e14 }, { "y", "1E+14" } }));
        // The PHP manual's first http_build_query example: null is left out, a space is '+'.
        Assert.Equal("foo=bar&baz=boom&cow=milk&php=hypertext+processor",
            PhpHttpBuildQuery.Build(new Map { { "foo", "bar" }, { "baz", "boom" }, { "cow", "milk" }, { "null", null }, { "php", "hypertext processor" } }));
        Assert.Equal("a=1&b=0&c%5B0%5D=x", PhpHttpBuildQuery.Build(new Map { { "a", true }, { "b", false }, { "c", new object?[] { "x" } }, { "d", Array.Empty<object?>() } }));
        Assert.Equal(["0.3", "12000.3", "1.0E-5", "-1.5E+15", "1.0E+14", "99999999999999"],
            new[] { 0.1 + 0.2, 12000.3, 1e-5, -1.5e15, 1e14, 99999999999999.0 }.Select(PhpHttpBuildQuery.Float));

        // The qs README's stringify examples.
        Assert.Equal("a%5Bb%5D=c", QsStringify.Build(new Map { { "a", new Map { { "b", "c" } } } }));
        Assert.Equal("a%5B0%5D=b&a%5B1%5D=c", QsStringify.Build(new Map { { "a", new object?[] { "b", "c" } } }));
        Assert.Equal("a=&b=", QsStringify.Build(new Map { { "a", null }, { "b", "" } }));
        Assert.Equal("", QsStringify.Build(new Map { { "a", Array.Empty<object?>() } }));
        Assert.Equal("a=b%20c&t=true", QsStringify.Build(new Map { { "a", "b c" }, { "t", true } }));
        // ECMAScript Number::toString.
        Assert.Equal(["0.30000000000000004", "1e+21", "123456789012345680000", "0.000001", "1e-7", "-3.2"],
            new[] { 0.1 + 0.2, 1e21, 123456789012345678901.0, 1e-6, 1e-7, -3.2 }.Select(QsStringify.JsNumber));
    }

    /// <summary>One snapshot as an app holds it: decimals, whole numbers, and the library's own extras (a null, an empty list).</summary>
    private static Map Push(string token, string vehicleId, long t, object pumpOn, object pumpOff) => new()
    {
        { "token", token },
        { "vehicle_id", vehicleId },
        { "user-agent", "Dashboard 2.1 (PHP)" },
        {
            "data", new object?[]
            {
                new Map
                {
                    { "timestamp", t },
                    {
                        "general", new Map
                        {
                            { "speed", 82.4 }, { "range", 140.5 }, { "state", 1L }, { "odometer", 12000.3 }, { "watt_100km", 15234.56 },
                            { "motor", new object?[] { new Map { { "watt", 41237.5 }, { "rpm", 5200L }, { "torque", 180.25 }, { "temp", 61.5 }, { "coolfluid_temp", -3.2 }, { "coolfluid_pump", pumpOn } } } },
                            {
                                "batt", new object?[]
                                {
                                    new Map
                                    {
                                        { "soc", 71.5 }, { "soc_wh", 0.1 + 0.2 }, { "v", 398.2 }, { "i", 104.3 }, { "w", 1.5e15 }, { "i_charge", 1e-5 },
                                        { "w_charge", 1.5e21 }, { "temp", 30.5 }, { "soh", 97L }, { "coolfluid_pump", pumpOff },
                                    },
                                }
                            },
                            { "gps", new Map { { "lat", 44.6471 }, { "lng", 10.9252 }, { "acc", 4.5 }, { "alt", -12.75 } } },
                            { "extras", Array.Empty<object?>() },
                        }
                    },
                },
            }
        },
    };

    public static TheoryData<string> Clients => ["PHP http_build_query", "JavaScript qs", "JSON"];

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task ADecimalPushFromTheClientReadsBackAsTheNumbersItSent(string client)
    {
        var account = await Service.CreateAccountAsync();
        var token = await Service.Client.LoginAsync(account);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30;
        Func<object, string> printed = client switch
        {
            "PHP http_build_query" => PhpHttpBuildQuery.Scalar,
            "JavaScript qs" => QsStringify.Scalar,
            _ => v => v is double d ? JsonValue.Create(d).ToJsonString() : QsStringify.Scalar(v),
        };
        // PHP sends true/false as 1/0; qs and JSON would send true/false, which the contract refuses.
        var push = client.StartsWith("PHP", StringComparison.Ordinal) ? Push(token, account.VehicleId, t, true, false) : Push(token, account.VehicleId, t, 1L, 0L);

        var answer = client switch
        {
            "PHP http_build_query" => await Service.Client.SendAsync("push", WireCalls.RawBody(PhpHttpBuildQuery.Build(push), "application/x-www-form-urlencoded")),
            "JavaScript qs" => await Service.Client.SendAsync("push", WireCalls.RawBody(QsStringify.Build(push), "application/x-www-form-urlencoded")),
            _ => await Service.Client.PostJsonAsync("push", (JsonObject)ToJson(push)!),
        };
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body.ToJsonString());

        var snapshot = await LatestAsync(token, account.VehicleId);
        var general = (Map)((Map)((object?[])push.Single(e => e.Key == "data").Value!)[0]!).Single(e => e.Key == "general").Value!;
        var compared = 0;
        foreach (var (path, sent) in Readings(general, ""))
        {
            var readBack = path.Split('/').Aggregate((JsonNode?)snapshot["general"], (node, part) => part switch
            {
                "motor" or "batt" or "gps" => snapshot[part],
                _ when int.TryParse(part, out var i) => node![i],
                _ => node![part],
            });
            var expected = sent is bool b ? (b ? 1 : 0) : double.Parse(printed(sent), CultureInfo.InvariantCulture);
            Assert.True(readBack is not null && readBack.GetValue<double>() == expected, $"{client}: {path} sent as {printed(sent)}, read back as {readBack?.ToJsonString()}");
            // A whole number stays whole; a decimal comes back in its shortest form.
            Assert.Equal(expected == Math.Floor(expected) && Math.Abs(expected) <= 9007199254740992 ? expected.ToString("F0", CultureInfo.InvariantCulture) : JsonValue.Create(expected).ToJsonString(),
                readBack!.ToJsonString());
            compared++;
        }
        Assert.Equal(25, compared);
        Assert.Equal("398.2", snapshot["batt"]![0]!["v"]!.ToJsonString());
        Assert.Equal("5200", snapshot["motor"]![0]!["rpm"]!.ToJsonString());
        // What each client sent for 0.1 + 0.2: PHP prints 14 digits, JavaScript and JSON the shortest round trip.
        Assert.Equal(client.StartsWith("PHP", StringComparison.Ordinal) ? "0.3" : "0.30000000000000004", snapshot["batt"]![0]!["soc_wh"]!.ToJsonString());
    }

    [Fact]
    public async Task ANullReadingIsLeftOutByPhpAndRefusedNamingTheFieldFromQs()
    {
        var account = await Service.CreateAccountAsync();
        var token = await Service.Client.LoginAsync(account);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30;
        var push = new Map
        {
            { "token", token }, { "vehicle_id", account.VehicleId },
            { "data", new object?[] { new Map { { "timestamp", t }, { "general", new Map { { "speed", null }, { "range", 140.5 } } } } } },
        };

        var php = await Service.Client.SendAsync("push", WireCalls.RawBody(PhpHttpBuildQuery.Build(push), "application/x-www-form-urlencoded"));
        var qs = await Service.Client.SendAsync("push", WireCalls.RawBody(QsStringify.Build(push), "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, php.Status);
        Assert.Equal(HttpStatusCode.BadRequest, qs.Status);
        Assert.Equal("""[{"field":"data[0][general][speed]","error":"must be a number"}]""", qs.Body["errors"]!.ToJsonString());
        var snapshot = await LatestAsync(token, account.VehicleId);
        Assert.Equal("""{"range":140.5}""", snapshot["general"]!.ToJsonString());
    }

    private async Task<JsonObject> LatestAsync(string token, string vehicleId)
    {
        JsonObject? snapshot = null;
        await ApiCalls.EventuallyAsync(async () =>
            (snapshot = (await Service.Client.PostFormAsync("get_latest", ("token", token), ("vehicle_id", vehicleId))).Body["snapshot"] as JsonObject) is not null);
        return snapshot!;
    }

    /// <summary>Every reading of the tree under <c>general</c>, by path (<c>speed</c>, <c>motor/0/rpm</c>).</summary>
    private static IEnumerable<(string Path, object Value)> Readings(object node, string path) => node switch
    {
        Map map => map.SelectMany(e => Readings(e.Value!, path.Length == 0 ? e.Key : path + "/" + e.Key)),
        object?[] list => list.SelectMany((v, i) => Readings(v!, $"{path}/{i}")),
        _ => [(path, node)],
    };

    private static JsonNode? ToJson(object? value) => value switch
    {
        Map map => new JsonObject(map.Select(e => KeyValuePair.Create(e.Key, ToJson(e.Value)))),
        object?[] list => new JsonArray([.. list.Select(ToJson)]),
        double d => JsonValue.Create(d),
        long l => JsonValue.Create(l),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        _ => null,
    };
}
