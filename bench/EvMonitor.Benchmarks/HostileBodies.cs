using System.Text;
using EvMonitor.Api;

namespace EvMonitor.Benchmarks;

/// <summary>
/// The costliest body shapes found for the parser and its sinks, each filling the 1 MiB body limit,
/// in the encoding named by its prefix. Some are refused as malformed (a field name over the limit),
/// the rest are read through: either way the whole cost of the answer is what is measured.
/// </summary>
public static class HostileBodies
{
    public const string Boundary = "hostile-boundary-5f2c";
    public const string MultipartType = "multipart/form-data; boundary=" + Boundary;

    public static readonly string[] Names =
    [
        "json: 512 KiB name over 256 Ki leaves",
        "json: 1,000-char name over 500 Ki leaves",
        "json: 31 levels deep over 500 Ki leaves",
        "json: 87 Ki top-level fields",
        "json: 120 Ki one-field snapshots",
        "form: 1,000-char key repeated",
        "form: one 1 MiB key of brackets",
        "form: 100 Ki distinct fields",
        "form: 230 Ki bad push fields",
        "multipart: 18 Ki tiny parts",
        "multipart: 1,000-char names",
        "multipart: one value of near-boundaries",
    ];

    public static (string ContentType, byte[] Body) Build(string name) => name switch
    {
        "json: 512 KiB name over 256 Ki leaves" => Json(Fill("{\"data\":{\"" + new string('k', 512 * 1024) + "\":[0", ",0", "]}}")),
        "json: 1,000-char name over 500 Ki leaves" => Json(Fill("{\"" + new string('k', 1000) + "\":[0", ",0", "]}")),
        "json: 31 levels deep over 500 Ki leaves" => Json(Fill("{\"data\":" + new string('[', 31) + "0", ",0", new string(']', 31) + "}")),
        "json: 87 Ki top-level fields" => Json(Numbered("{", i => $"\"a{i}\":0", ",", "}")),
        "json: 120 Ki one-field snapshots" => Json(Fill("{\"data\":[{\"x\":0}", ",{\"x\":0}", "]}")),
        "form: 1,000-char key repeated" => Form(Fill(new string('k', 1000) + "=0", "&" + new string('k', 1000) + "=0", "")),
        "form: one 1 MiB key of brackets" => Form(Fill("data%5B0%5D", "%5B", "=1")),
        "form: 100 Ki distinct fields" => Form(Numbered("", i => $"a{i}=", "&", "")),
        "form: 230 Ki bad push fields" => Form(Fill("data%5B0%5D%5Bgeneral%5D%5Bspeed%5D=x", "&data%5B0%5D%5Bgeneral%5D%5Bspeed%5D=x", "")),
        "multipart: 18 Ki tiny parts" => Multipart(Numbered("", i => Part($"a{i}", ""), "", End)),
        "multipart: 1,000-char names" => Multipart(Fill(Part(new string('k', 1000), "0"), Part(new string('k', 1000), "0"), End)),
        "multipart: one value of near-boundaries" => Multipart(Fill(Part("token", "x") + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"v\"\r\n\r\n",
            $"\r\n--{Boundary[..^1]}", "\r\n" + End)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static string Part(string name, string value) => $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n";

    private const string End = "--" + Boundary + "--\r\n";

    private static (string, byte[]) Json(string body) => ("application/json", Encoding.UTF8.GetBytes(body));

    private static (string, byte[]) Form(string body) => ("application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(body));

    private static (string, byte[]) Multipart(string body) => (MultipartType, Encoding.UTF8.GetBytes(body));

    /// <summary>Head, then as many repeats as fit, then tail: at most the body limit (ASCII, so chars are bytes).</summary>
    private static string Fill(string head, string repeat, string tail)
    {
        var body = new StringBuilder(ApiLimits.MaxBodyBytes).Append(head);
        while (body.Length + repeat.Length + tail.Length <= ApiLimits.MaxBodyBytes)
            body.Append(repeat);
        return body.Append(tail).ToString();
    }

    /// <summary>Numbered items, separated, as many as fit the body limit.</summary>
    private static string Numbered(string head, Func<int, string> item, string separator, string tail)
    {
        var body = new StringBuilder(ApiLimits.MaxBodyBytes).Append(head);
        for (var i = 0; ; i++)
        {
            var next = (i == 0 ? "" : separator) + item(i);
            if (body.Length + next.Length + tail.Length > ApiLimits.MaxBodyBytes)
                break;
            body.Append(next);
        }
        return body.Append(tail).ToString();
    }
}
