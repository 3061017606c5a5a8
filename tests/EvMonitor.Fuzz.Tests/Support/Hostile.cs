using System.Text;

namespace EvMonitor.Fuzz.Tests.Support;

/// <summary>Values, keys and headers that have broken parsers before: overflow, odd numbers, bad encodings, deep or odd keys.</summary>
public static class Hostile
{
    public static readonly string[] Numbers =
    [
        "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "123456789012345678901234567890", "1e400", "-1e400", "1e-400",
        "1e308", "1.7976931348623157e308", "4.9e-324", "NaN", "Infinity", "-Infinity", "+5", "-0", "0.0", "87.0", "8.7e1",
        "87.5", "0x57", "1_000", "1,5", "1.", ".5", "5e", "e5", "--1", "+-1", " 87 ", "\t87\n", "87abc", "", " ", "٨٧", "８７",
        "1e2147483648", "0e99999999999", "1" + new string('0', 400), "0." + new string('0', 400) + "1",
        // Decimals as PHP and JavaScript print floats, and near misses.
        "71.5", "-3.2", "+0.5", "1.5E+3", "1.0E+25", "1e-7", "1.5e+21", "0.30000000000000004", "0.10000000000000001",
        "12000.30000000000000001", "398.2", "-0.0", "1.5E", "1.5E+", "1.5e+-3", "1..5", "71.5.0", "71,5", "1 000.5", "0x1.8p1",
        "-NaN", "+Infinity", "∞", "1.7976931348623159e308", "2.4703282292062328e-324",
    ];

    public static readonly string[] Timestamps =
    [
        "1732550400000", "0", "-1", "946684799", "946684800", "253402300799", "253402300800", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "1732550400.5", "2024-11-25T16:00:00Z", "2024-11-25T16:00:00",
        "2024-11-25T16:00:00+01:00", "2024-11-25t16:00:00z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
        "2024-13-45T25:61:61Z", "T-", "T+", "Tz", "2024-11-25 16:00:00Z", "now", "",
    ];

    public static readonly string[] Strings =
    [
        "", " ", "\0", "\u0001\u001f\u007f", "\ud800", "\udfff", "\ud83d\ude97", "\uFEFF", "\u202e", "é", "日本語",
        "<script>alert(1)</script>", "' OR '1'='1", "../../etc/passwd", "%00", "%zz", "%", "%C3", "%ED%A0%80", "%FF%FE",
        "+", "&", "=", "[", "]", "[]", "][", "a/b\\c#d?e", "null", "true", "{}", "[]", "{\"a\":1}",
        new string('x', 300), new string('é', 1025), new string('%', 2000),
    ];

    public static readonly string[] Keys =
    [
        "data", "data[]", "data[][timestamp]", "data[0]", "data[0][]", "data[0][timestamp][x]", "data[0][general]",
        "data[0][general][]", "data[0][general][speed][x]", "data[0][general][motor]", "data[0][general][motor][]",
        "data[0][general][motor][0]", "data[0][general][motor][0][]", "data[0][general][motor][0][rpm][x]",
        "data[0][general][motor][255][rpm]", "data[0][general][motor][256][rpm]", "data[0][general][motor][-1][rpm]",
        "data[0][general][motor][01][rpm]", "data[0][general][motor][ 1][rpm]", "data[0][general][motor][1e1][rpm]",
        "data[0][general][motor][99999999999][rpm]", "data[0][general][batt][0][soc]", "data[0][general][batt][x][soc]",
        "data[0][general][gps]", "data[0][general][gps][lat][x]", "data[0][general][gps][0][lat]",
        "data[-1][timestamp]", "data[2147483647][timestamp]", "data[2147483648][timestamp]", "data[99999999999999999999][timestamp]",
        "data[0x10][timestamp]", "data[ 0][timestamp]", "data[0 ][timestamp]", "data[+1][timestamp]", "data[1.0][timestamp]",
        "data[0]][timestamp]", "data[[0]][timestamp]", "data[0][timestamp", "data0][timestamp]", "data[0][[timestamp]]",
        "data[0]timestamp", "data[٣][timestamp]", "data[0][general][motor][0][rpm]]", "token[]", "token[0]", "vehicle_id[]",
        "user-agent[x]", "DATA[0][timestamp]", "Token", "[", "]", "[]", "][", "=", "&", " ", "\0", "\ud800", "data[\ud800][timestamp]",
    ];

    public static readonly string?[] ContentTypes =
    [
        null, "", " ", "text/plain", "application/octet-stream", "APPLICATION/JSON", "application/json; charset=latin1",
        "application/json; charset=\"utf-8\"", "application/json; charset=utf-16", "application/json;;;", "application/vnd.api+json",
        "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/x-www-form-urlencoded; charset=",
        "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=\"",
        "multipart/form-data; boundary=" + new string('b', 71), "multipart/form-data; boundary=" + new string('b', 5000),
        "multipart/mixed; boundary=x", "multipart/", "/", ";", ";;;", "a/b/c", "application/json, text/plain", "json",
        "\u00e9/\u00e9", "application/json; charset=utf-8; boundary=x", new string('x', 10_000),
    ];

    public static readonly string?[] Authorizations =
    [
        null, "", "Bearer", "Bearer ", "Bearer  ", "bearer " + ApiHarness.Token, "Bearer " + ApiHarness.Token, "Basic dXNlcjpwYXNz",
        "Bearer " + new string('a', 10_000), "Bearer \u00e9\u00e9", "Bearer " + ApiHarness.Token.ToUpperInvariant(),
    ];

    public static readonly string[] Methods = ["GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "post", "Post", "TRACE", "", "P O S T"];

    /// <summary>Byte sequences that are not UTF-8: a lone continuation, a truncated sequence, an encoded surrogate, overlongs.</summary>
    public static readonly byte[][] InvalidUtf8 =
    [
        [0x80], [0xBF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x9A], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xFF, 0xFE], [0xEF, 0xBB, 0xBF],
    ];

    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public static bool Chance(this Random random, double probability) => random.NextDouble() < probability;

    /// <summary>A key nested <paramref name="depth"/> levels below a real field.</summary>
    public static string DeepKey(Random random, int depth)
    {
        var key = new StringBuilder(random.Pick(["data[0][general][motor][0]", "data[0]", "data[0][general]", "data", "token", "username"]));
        for (var i = 0; i < depth; i++)
            key.Append('[').Append(random.Chance(0.5) ? random.Next(0, 300).ToString() : random.Pick(["x", "y", "rpm", "timestamp", "general", ""])).Append(']');
        return key.ToString();
    }

    public static string RandomText(Random random, int maxLength)
    {
        var length = random.Next(0, maxLength + 1);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(10) switch
            {
                < 6 => (char)random.Next(0x20, 0x7F),
                6 => (char)random.Next(0, 0x20),
                7 => (char)random.Next(0x80, 0x800),
                8 => (char)random.Next(0xD800, 0xE000), // lone surrogates
                _ => (char)random.Next(0x800, 0xFFFF),
            });
        }
        return text.ToString();
    }

    /// <summary>Flips, inserts, deletes or duplicates bytes; may add invalid UTF-8.</summary>
    public static byte[] MutateBytes(Random random, byte[] body, int mutations)
    {
        var bytes = new List<byte>(body);
        for (var m = 0; m < mutations; m++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.InsertRange(at, random.Pick(InvalidUtf8)); break;
                case 2 when bytes.Count > 0: bytes.RemoveRange(at, Math.Min(random.Next(1, 20), bytes.Count - at)); break;
                case 3 when bytes.Count > 0: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(random.Next(1, 50), bytes.Count - at))); break;
                case 4: bytes.InsertRange(at, Encoding.UTF8.GetBytes(random.Pick(["&", "=", "[", "]", "%", "+", "{", "}", "\"", ",", ":", "\r\n", "--"]))); break;
                default: if (bytes.Count > 0) bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
        return [.. bytes];
    }
}
