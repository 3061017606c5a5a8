using System.Globalization;
using System.Text;
using EvMonitor.Telemetry;

namespace EvMonitor.Fuzz.Tests.Support;

/// <summary>Builds one hostile request from a seeded random source.</summary>
public static class Cases
{
    private static string T(long offset) => (ApiHarness.SeedTimestamp + offset).ToString(CultureInfo.InvariantCulture);

    /// <summary>API.md's push example, with the harness's token and vehicle.</summary>
    public static List<(string Key, string Value)> SeedPush() =>
    [
        ("token", ApiHarness.Token), ("vehicle_id", ApiHarness.VehicleId), ("user-agent", "My cool app"),
        ("data[0][timestamp]", T(0)),
        ("data[0][general][speed]", "87"), ("data[0][general][state]", "1"),
        ("data[0][general][motor][0][rpm]", "5200"), ("data[0][general][motor][1][rpm]", "5180"),
        ("data[0][general][gps][lat]", "44.6471"), ("data[0][general][gps][lng]", "10.9252"), ("data[0][general][gps][acc]", "5"),
        ("data[1][timestamp]", T(5)),
        ("data[1][general][speed]", "90"),
        ("data[1][general][motor][0][rpm]", "5400"), ("data[1][general][motor][1][rpm]", "5390"),
    ];

    private static readonly string[] GeneralFields = Names(TelemetryGroup.General);
    private static readonly string[] MotorFields = Names(TelemetryGroup.Motor);
    private static readonly string[] BatteryFields = Names(TelemetryGroup.Battery);

    private static string[] Names(TelemetryGroup group) => [.. TelemetryFields.Of(group).Select(f => f.Name)];

    public static FuzzRequest Push(Random random) => random.Next(100) switch
    {
        < 45 => Encoded(random, Mutate(random, SeedPush(), random.Next(1, 7))),
        < 58 => WithBytesMutated(random, Encoded(random, SeedPush())),
        < 68 => Encoded(random, [.. SeedPush(), (Hostile.DeepKey(random, random.Next(8, 300)), random.Pick(Hostile.Numbers))]),
        < 78 => Encoded(random, Wide(random)),
        < 84 => Raw(random),
        < 92 => Oddly(random, Encoded(random, Mutate(random, SeedPush(), random.Next(0, 3)))),
        < 94 => DeepJson(random),
        < 98 => Amplifying(random),
        _ => Oversized(random),
    };

    public static FuzzRequest Login(Random random)
    {
        List<(string Key, string Value)> fields = [("username", ApiHarness.Email), ("password", ApiHarness.Password)];
        if (random.Chance(0.85))
        {
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                var at = random.Next(fields.Count + 1);
                switch (random.Next(9))
                {
                    case 0: if (fields.Count > 0) fields.RemoveAt(Math.Min(at, fields.Count - 1)); break;
                    case 1: fields.Add((random.Pick(["username", "password"]), random.Pick(Hostile.Strings))); break;
                    case 2: fields.Add((random.Pick(["username", "password"]), Hostile.RandomText(random, 400))); break;
                    case 3: fields.Add((random.Pick(["username", "password"]), new string(random.Pick(['a', 'é', '日', '\ud800']), random.Next(200, 5000)))); break;
                    case 4: fields.Add((random.Pick(["username[]", "username[0]", "password[x]", "Username", "user", "token"]), random.Pick(Hostile.Strings))); break;
                    case 5: fields.Add(("username", random.Pick([ApiHarness.Email.ToUpperInvariant(), " " + ApiHarness.Email + " ", ApiHarness.Email + "\0", "rider@example.com.", "RIDER@EXAMPLE.COM"]))); break;
                    case 6: fields.Insert(at, (Hostile.RandomText(random, 30), Hostile.RandomText(random, 30))); break;
                    case 7: fields.Add((Hostile.DeepKey(random, random.Next(5, 100)), "x")); break;
                    default: fields.Add(("password", random.Pick(Hostile.Numbers))); break;
                }
            }
        }
        var request = Encoded(random, fields);
        return random.Next(10) switch
        {
            0 => WithBytesMutated(random, request),
            1 => Oddly(random, request),
            2 => Raw(random),
            4 => Amplifying(random),
            3 => new FuzzRequest("POST", Bodies.JsonType, Encoding.UTF8.GetBytes(random.Pick(
                [
                    """{"username":123,"password":true}""", """{"username":["rider@example.com"],"password":{"p":"x"}}""",
                    """{"username":null,"password":null}""", """{"username":"rider@example.com","password":"x","username":"y"}""",
                    """{"username":"\ud800","password":"\udfff"}""", """{"username":"rider@example.com","password":1e400}""",
                    """{"\ud800":"x","username":"a\u0000b","password":"correct-horse-battery"}""", "[]", "\"x\"", "{", "{}}",
                ]))),
            _ => request,
        };
    }

    /// <summary>Changes a field list the way a broken or hostile client would.</summary>
    public static List<(string Key, string Value)> Mutate(Random random, List<(string Key, string Value)> fields, int mutations)
    {
        for (var m = 0; m < mutations; m++)
        {
            var at = random.Next(fields.Count);
            var (key, value) = fields.Count > 0 ? fields[at] : ("data[0][timestamp]", T(0));
            switch (random.Next(12))
            {
                case 0 when fields.Count > 0: fields.RemoveAt(at); break;
                case 1: fields.Insert(random.Next(fields.Count + 1), (key, random.Chance(0.5) ? value : random.Pick(Hostile.Numbers))); break;
                case 2 when fields.Count > 0: fields[at] = (key, random.Pick(Hostile.Numbers)); break;
                case 3 when fields.Count > 0: fields[at] = (key, random.Pick(Hostile.Strings)); break;
                case 4: fields.Add(("data[" + random.Next(0, 3) + "][timestamp]", random.Pick(Hostile.Timestamps))); break;
                case 5 when fields.Count > 0: fields[at] = (random.Pick(Hostile.Keys), value); break;
                case 6: fields.Add((random.Pick(Hostile.Keys), random.Chance(0.5) ? random.Pick(Hostile.Numbers) : random.Pick(Hostile.Strings))); break;
                case 7: fields.Add((Hostile.DeepKey(random, random.Next(2, 40)), random.Pick(Hostile.Numbers))); break;
                case 8: fields.Add((new string('k', random.Next(1_000, 100_000)), "x")); break;
                case 9: fields.Add(("data[0][general][" + new string('s', random.Next(100, 20_000)) + "]", "1")); break;
                case 10 when fields.Count > 0: fields[at] = (key, Hostile.RandomText(random, 64)); break;
                default:
                    var field = random.Pick(["token", "vehicle_id", "user-agent"]);
                    fields.Add((field, random.Pick(
                    [
                        "", ApiHarness.OthersVehicleId, "unknown", new string('v', 1025), new string('u', 257), Hostile.RandomText(random, 40),
                        "o7axty6jzequrg5", new string('z', 32), ApiHarness.Token,
                    ])));
                    break;
            }
        }
        return fields;
    }

    public static FuzzRequest Encoded(Random random, IReadOnlyList<(string Key, string Value)> fields)
    {
        var (contentType, body) = Bodies.Write(random, random.Pick([Bodies.Encoding.Form, Bodies.Encoding.Form, Bodies.Encoding.Json, Bodies.Encoding.Multipart]), fields);
        if (random.Chance(0.1))
            contentType = random.Pick(Hostile.ContentTypes)!;
        return new FuzzRequest("POST", contentType, body);
    }

    private static FuzzRequest WithBytesMutated(Random random, FuzzRequest request) =>
        request with { Body = Hostile.MutateBytes(random, request.Body, random.Next(1, 8)) };

    private static FuzzRequest Oddly(Random random, FuzzRequest request) => random.Next(4) switch
    {
        0 => request with { Method = random.Pick(Hostile.Methods) },
        1 => request with { Authorization = random.Pick(Hostile.Authorizations) },
        2 => request with { DeclareLength = false },
        _ => request with { ContentType = random.Pick(Hostile.ContentTypes) },
    };

    private static FuzzRequest Raw(Random random)
    {
        var body = new byte[random.Next(0, 4096)];
        random.NextBytes(body);
        if (body.Length > 0 && random.Chance(0.3))
            body[0] = (byte)'{';
        return new FuzzRequest("POST", random.Pick(Hostile.ContentTypes), body);
    }

    /// <summary>Many snapshots, or few with many motors and batteries: the queue packing and the size limits.</summary>
    private static List<(string Key, string Value)> Wide(Random random)
    {
        List<(string Key, string Value)> fields = [("token", ApiHarness.Token), ("vehicle_id", ApiHarness.VehicleId)];
        var (snapshots, components) = random.Next(100) switch
        {
            < 15 => (random.Next(995, 1005), 0),
            < 30 => (random.Next(1, 4), random.Next(200, 257)),
            _ => (random.Next(1, 9), random.Next(0, 9)),
        };
        for (var s = 0; s < snapshots; s++)
        {
            var index = random.Chance(0.9) ? s : random.Next();
            fields.Add(($"data[{index}][timestamp]", T(-s)));
            foreach (var name in GeneralFields)
                fields.Add(($"data[{index}][general][{name}]", name == "state" ? "1" : random.Next(0, 100_000).ToString(CultureInfo.InvariantCulture)));
            // Small values compress well (gzip path); large random ones may not fit a message at all (413).
            var largeValues = random.Chance(0.5);
            var decimals = random.Chance(0.3);
            string Reading() => decimals
                ? (largeValues ? random.NextDouble() * 1e12 - 5e11 : random.Next(0, 2000) / 10.0).ToString(random.Pick(["R", "E6", "0.###"]), CultureInfo.InvariantCulture)
                : (largeValues ? random.Next(int.MinValue, int.MaxValue) : random.Next(0, 2)).ToString(CultureInfo.InvariantCulture);
            for (var c = 0; c < components; c++)
            {
                foreach (var name in MotorFields.Take(random.Next(1, MotorFields.Length + 1)))
                    fields.Add(($"data[{index}][general][motor][{c}][{name}]", name == "coolfluid_pump" ? "1" : Reading()));
                foreach (var name in BatteryFields.Take(random.Next(1, BatteryFields.Length + 1)))
                    fields.Add(($"data[{index}][general][batt][{c}][{name}]", name is "soc" or "soh" or "coolfluid_pump" ? "1" : Reading()));
            }
        }
        return random.Chance(0.2) ? Mutate(random, fields, 1) : fields;
    }

    private static FuzzRequest DeepJson(Random random)
    {
        var depth = random.Next(20, 5000);
        var open = random.Chance(0.5) ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var body = new StringBuilder("{\"token\":\"").Append(ApiHarness.Token).Append("\",\"data\":");
        for (var i = 0; i < depth; i++)
            body.Append(open);
        body.Append('1');
        for (var i = 0; i < depth; i++)
            body.Append(close);
        body.Append('}');
        return new FuzzRequest("POST", random.Chance(0.5) ? Bodies.JsonType : null, Encoding.UTF8.GetBytes(body.ToString()));
    }

    /// <summary>
    /// Bodies whose cost or answer once grew faster than their size, up to 1 MiB: a long JSON name
    /// over many values, deep arrays over many values, and thousands of invalid fields with names
    /// around the 1 KiB limit, each of which gets a field error.
    /// </summary>
    public static FuzzRequest Amplifying(Random random)
    {
        // Mostly small enough to keep the run short; the amplification shows at 100 KB as at 1 MiB.
        var size = random.Next(5_000, random.Chance(0.1) ? EvMonitor.Api.ApiLimits.MaxBodyBytes - 100 : 100_000);
        var nameLength = random.Next(10, 2 * EvMonitor.Api.ApiLimits.MaxFieldNameLength);
        var body = new StringBuilder(size + 2_000);
        string contentType;
        switch (random.Next(5))
        {
            case 0:
                contentType = Bodies.JsonType;
                body.Append("{\"token\":\"").Append(ApiHarness.Token).Append("\",\"vehicle_id\":\"").Append(ApiHarness.VehicleId)
                    .Append("\",\"data\":{\"").Append('1', nameLength).Append("\":[0");
                while (body.Length < size)
                    body.Append(",0");
                body.Append("]}}");
                break;
            case 1:
                contentType = Bodies.JsonType;
                var depth = random.Next(1, 31);
                body.Append("{\"data\":").Append('[', depth).Append('0');
                while (body.Length < size)
                    body.Append(",0");
                body.Append(']', depth).Append('}');
                break;
            case 2:
                contentType = Bodies.FormType;
                var field = $"data%5B{new string('0', nameLength)}%5D%5Btimestamp%5D=x";
                body.Append("token=").Append(ApiHarness.Token).Append("&vehicle_id=").Append(ApiHarness.VehicleId);
                while (body.Length + field.Length + 1 < size)
                    body.Append('&').Append(field);
                break;
            case 3:
                contentType = Bodies.MultipartType;
                var part = $"--{Bodies.Boundary}\r\nContent-Disposition: form-data; name=\"data[0][general][motor][{new string('0', nameLength)}][rpm]\"\r\n\r\nx\r\n";
                body.Append($"--{Bodies.Boundary}\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\n{ApiHarness.Token}\r\n");
                while (body.Length + part.Length < size)
                    body.Append(part);
                body.Append($"--{Bodies.Boundary}--\r\n");
                break;
            default:
                contentType = Bodies.JsonType;
                var snapshot = "{\"timestamp\":\"x\",\"general\":{\"speed\":\"x\",\"range\":1.5,\"state\":7,\"motor\":[{\"rpm\":\"x\",\"temp\":\"x\"}]}}";
                body.Append("{\"token\":\"").Append(ApiHarness.Token).Append("\",\"vehicle_id\":\"").Append(ApiHarness.VehicleId).Append("\",\"data\":[").Append(snapshot);
                for (var i = 1; i < EvMonitor.Api.ApiLimits.MaxSnapshotsPerPush && body.Length + snapshot.Length < size; i++)
                    body.Append(',').Append(snapshot);
                body.Append("]}");
                break;
        }
        return new FuzzRequest("POST", contentType, Encoding.UTF8.GetBytes(body.ToString()));
    }

    /// <summary>Bodies at and just past 1 MiB, with and without a declared length.</summary>
    private static FuzzRequest Oversized(Random random)
    {
        var size = EvMonitor.Api.ApiLimits.MaxBodyBytes + random.Next(-2, 3);
        var body = new byte[size];
        Array.Fill(body, (byte)'a');
        Encoding.ASCII.GetBytes("token=x&a=").CopyTo(body, 0);
        return new FuzzRequest("POST", random.Pick([Bodies.FormType, null, Bodies.JsonType]), body, DeclareLength: random.Chance(0.5));
    }
}
