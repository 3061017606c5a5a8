using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EvMonitor.Fuzz.Tests.Support;

/// <summary>Writes a list of form-style fields in each of the three encodings, leaving in whatever oddities the fields hold.</summary>
public static partial class Bodies
{
    public const string FormType = "application/x-www-form-urlencoded";
    public const string JsonType = "application/json";
    public const string Boundary = "fuzz-boundary-7d3a";
    public const string MultipartType = "multipart/form-data; boundary=" + Boundary;

    public enum Encoding { Form, Json, Multipart }

    /// <param name="strict">Spelled as a well-behaved client does, without the random oddities.</param>
    public static (string ContentType, byte[] Body) Write(Random random, Encoding encoding, IReadOnlyList<(string Key, string Value)> fields, bool strict = false) => encoding switch
    {
        Encoding.Json => (JsonType, Json(random, fields, strict)),
        Encoding.Multipart => (MultipartType, Multipart(random, fields, strict)),
        _ => (FormType, Form(random, fields, strict)),
    };

    /// <summary>Percent-encoded as HTTP libraries do, or (sometimes) with brackets and spaces left raw as hand-written clients do.</summary>
    public static byte[] Form(Random random, IReadOnlyList<(string Key, string Value)> fields, bool strict = false)
    {
        var body = new List<byte>();
        foreach (var (key, value) in fields)
        {
            if (body.Count > 0)
                body.Add((byte)'&');
            var raw = !strict && random.Chance(0.2);
            body.AddRange(raw ? System.Text.Encoding.UTF8.GetBytes(key) : Escape(key));
            body.Add((byte)'=');
            body.AddRange(raw ? System.Text.Encoding.UTF8.GetBytes(value) : Escape(value));
        }
        return [.. body];
    }

    private static byte[] Escape(string text)
    {
        var escaped = new List<byte>();
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
                escaped.Add(b);
            else
                escaped.AddRange(System.Text.Encoding.ASCII.GetBytes($"%{b:X2}"));
        }
        return [.. escaped];
    }

    public static byte[] Multipart(Random random, IReadOnlyList<(string Key, string Value)> fields, bool strict = false)
    {
        var body = new StringBuilder();
        foreach (var (key, value) in fields)
        {
            body.Append("--").Append(Boundary).Append("\r\n");
            var disposition = strict ? 0 : random.Next(20);
            body.Append(disposition switch
            {
                0 or > 4 => $"Content-Disposition: form-data; name=\"{key}\"",
                1 => $"Content-Disposition: form-data; name=\"{key}\"; filename=\"f.txt\"",
                2 => "Content-Disposition: form-data",
                3 => $"Content-Disposition: attachment; name=\"{key}\"",
                _ => $"Content-Disposition: form-data; name={key}",
            }).Append("\r\n");
            if (!strict && random.Chance(0.05))
                body.Append("Content-Type: text/plain; charset=iso-8859-1\r\n");
            body.Append("\r\n").Append(value).Append("\r\n");
        }
        if (strict || random.Chance(0.9))
            body.Append("--").Append(Boundary).Append("--\r\n");
        return System.Text.Encoding.UTF8.GetBytes(body.ToString());
    }

    /// <summary>
    /// The bracket keys as nested objects. Repeated keys stay repeated (JSON with duplicate names),
    /// objects keyed 0..n-1 become arrays at random, and values that look like numbers are often
    /// written as bare numbers, however large (<c>1e400</c>).
    /// </summary>
    public static byte[] Json(Random random, IReadOnlyList<(string Key, string Value)> fields, bool strict = false)
    {
        var root = new Node();
        foreach (var (key, value) in fields)
        {
            var path = Segments(key);
            var node = root;
            for (var i = 0; i < path.Count - 1; i++)
            {
                var child = node.Children.LastOrDefault(c => c.Name == path[i] && c.Node.Value is null).Node;
                if (child is null || (!strict && random.Chance(0.02)))
                {
                    child = new Node();
                    node.Children.Add((path[i], child));
                }
                node = child;
            }
            var bare = !strict && NumberToken().IsMatch(value) && random.Chance(0.7);
            node.Children.Add((path[^1], new Node { Value = bare ? value : JsonSerializer.Serialize(value) }));
        }
        var text = new StringBuilder();
        Write(random, root, text, strict);
        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    private sealed class Node
    {
        public string? Value;
        public readonly List<(string Name, Node Node)> Children = [];
    }

    private static void Write(Random random, Node node, StringBuilder text, bool strict)
    {
        if (node.Value is not null)
        {
            text.Append(node.Value);
            return;
        }
        var asArray = !strict && node != null && node.Children.Count > 0
            && node.Children.Select((c, i) => c.Name == i.ToString()).All(x => x) && random.Chance(0.5);
        text.Append(asArray ? '[' : '{');
        for (var i = 0; i < node!.Children.Count; i++)
        {
            if (i > 0)
                text.Append(',');
            if (!asArray)
                text.Append(JsonSerializer.Serialize(node.Children[i].Name)).Append(':');
            Write(random, node.Children[i].Node, text, strict);
        }
        text.Append(asArray ? ']' : '}');
    }

    /// <summary>"a[b][c]" as a, b, c; a key that is not well-formed brackets stays one name.</summary>
    public static List<string> Segments(string key)
    {
        var open = key.IndexOf('[');
        if (open <= 0)
            return [key];
        var segments = new List<string> { key[..open] };
        var rest = key.AsSpan(open);
        while (!rest.IsEmpty)
        {
            var close = rest.IndexOf(']');
            if (rest[0] != '[' || close < 0)
                return [key];
            segments.Add(rest[1..close].ToString());
            rest = rest[(close + 1)..];
        }
        return segments;
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex NumberToken();
}
