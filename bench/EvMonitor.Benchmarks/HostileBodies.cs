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

    /// <summary>Short, since BenchmarkDotNet cuts longer parameter values in its table; docs/performance.md describes each.</summary>
    public static readonly string[] Names =
    [
        "json 512K name",
        "json 1000-char name",
        "json 31 deep",
        "json 96K fields",
        "json 131K snapshots",
        "form 1000-char keys",
        "form 1M brackets",
        "form 129K fields",
        "form 28K bad fields",
        "multipart 14K parts",
        "multipart long names",
        "multipart boundaries",
    ];

    public static (string ContentType, byte[] Body) Build(string name) => name switch
    {
        "json 512K name" => Json(Fill("{\"data\":{\"" + new string('k', 512 * 1024) + "\":[0", ",0", "]}}")),
        "json 1000-char name" => Json(Fill("{\"" + new string('k', 1000) + "\":[0", ",0", "]}")),
        "json 31 deep" => Json(Fill("{\"data\":" + new string('[', 31) + "0", ",0", new string(']', 31) + "}")),
        "json 96K fields" => Json(Numbered("{", i => $"\"a{i}\":0", ",", "}")),
        "json 131K snapshots" => Json(Fill("{\"data\":[{\"x\":0}", ",{\"x\":0}", "]}")),
        "form 1000-char keys" => Form(Fill(new string('k', 1000) + "=0", "&" + new string('k', 1000) + "=0", "")),
        "form 1M brackets" => Form(Fill("data%5B0%5D", "%5B", "=1")),
        "form 129K fields" => Form(Numbered("", i => $"a{i}=", "&", "")),
        "form 28K bad fields" => Form(Fill("data%5B0%5D%5Bgeneral%5D%5Bspeed%5D=x", "&data%5B0%5D%5Bgeneral%5D%5Bspeed%5D=x", "")),
        "multipart 14K parts" => Multipart(Numbered("", i => Part($"a{i}", ""), "", End)),
        "multipart long names" => Multipart(Fill(Part(new string('k', 1000), "0"), Part(new string('k', 1000), "0"), End)),
        "multipart boundaries" => Multipart(Fill(Part("token", "x") + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"v\"\r\n\r\n",
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
