using System.Globalization;
using System.Text;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>
/// A request as apps build it, before it is encoded: an ordered map (<see cref="Map"/>), a list
/// (<c>object?[]</c>), a string, a long, a double, a bool or null.
/// </summary>
public sealed class Map : List<KeyValuePair<string, object?>>
{
    public void Add(string key, object? value) => Add(KeyValuePair.Create(key, value));

    /// <summary>Every value that is not a map or list, with its path of keys (list positions as keys), in order.</summary>
    public IEnumerable<(List<string> Path, object? Value)> Leaves() => Leaves(this, []);

    private static IEnumerable<(List<string> Path, object? Value)> Leaves(object? node, List<string> path)
    {
        IEnumerable<KeyValuePair<string, object?>> entries = node switch
        {
            Map map => map,
            object?[] list => list.Select((v, i) => KeyValuePair.Create(i.ToString(CultureInfo.InvariantCulture), v)),
            _ => throw new ArgumentException("Not a map or list."),
        };
        foreach (var (key, value) in entries)
        {
            List<string> at = [.. path, key];
            if (value is Map or object?[])
            {
                foreach (var leaf in Leaves(value, at))
                    yield return leaf;
            }
            else
            {
                yield return (at, value);
            }
        }
    }
}

/// <summary>
/// PHP's <c>http_build_query($data)</c> with its defaults, following php-src ext/standard/http.c
/// (<c>php_url_encode_hash_ex</c>) and the PHP manual: nested keys as <c>key%5Bsub%5D</c> (brackets
/// percent-encoded), list positions as keys; keys and strings through <c>urlencode</c> (RFC 1738:
/// letters, digits and <c>-_.</c> kept, a space as <c>+</c>); true as <c>1</c>, false as <c>0</c>; null
/// and empty arrays leave nothing; a float as PHP converts it to a string, with <c>precision</c> = 14.
/// </summary>
public static class PhpHttpBuildQuery
{
    public static string Build(Map data) => string.Join('&', data.Leaves()
        .Where(leaf => leaf.Value is not null)
        .Select(leaf => UrlEncode(leaf.Path[0]) + string.Concat(leaf.Path.Skip(1).Select(key => "%5B" + UrlEncode(key) + "%5D"))
            + "=" + UrlEncode(Scalar(leaf.Value!))));

    public static string Scalar(object value) => value switch
    {
        bool b => b ? "1" : "0",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => Float(d),
        string s => s,
        _ => throw new ArgumentException("Not a scalar."),
    };

    /// <summary>
    /// PHP 8's float to string (<c>zend_gcvt</c> with <c>precision</c> = 14): 14 significant digits,
    /// trailing zeros dropped; exponent form when the exponent is below -4 or 14 and up, with at least
    /// one decimal (<c>1.0E+25</c>, <c>1.5E-5</c>).
    /// </summary>
    public static string Float(double value)
    {
        if (value == 0)
            return double.IsNegative(value) ? "-0" : "0";
        var (negative, digits, exponent) = Decompose(value.ToString("E13", CultureInfo.InvariantCulture));
        var sign = negative ? "-" : "";
        if (exponent < -4 || exponent >= 14)
            return $"{sign}{digits[0]}.{(digits.Length > 1 ? digits[1..] : "0")}E{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent)}";
        return sign + Fixed(digits, exponent);
    }

    private static string UrlEncode(string text)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.')
                encoded.Append((char)b);
            else if (b == ' ')
                encoded.Append('+');
            else
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }

    /// <summary>The sign, significant digits (trailing zeros dropped) and decimal exponent of "d.dddE+x".</summary>
    internal static (bool Negative, string Digits, int Exponent) Decompose(string scientific)
    {
        var negative = scientific.StartsWith('-');
        var parts = scientific.TrimStart('-').Split('E');
        var digits = parts[0].Replace(".", "").TrimEnd('0');
        return (negative, digits.Length == 0 ? "0" : digits, int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The digits d₁d₂… × 10^(exponent) written without an exponent.</summary>
    internal static string Fixed(string digits, int exponent)
    {
        if (exponent < 0)
            return "0." + new string('0', -exponent - 1) + digits;
        if (digits.Length <= exponent + 1)
            return digits + new string('0', exponent + 1 - digits.Length);
        return digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
    }
}

/// <summary>
/// The npm <c>qs</c> package's <c>qs.stringify(data)</c> with its defaults, following its README
/// (github.com/ljharb/qs): nested keys as <c>a%5Bb%5D</c>, arrays as indices (<c>a%5B0%5D</c>),
/// keys and values percent-encoded per RFC 3986 (letters, digits and <c>-_.~</c> kept, a space as
/// <c>%20</c>); null as an empty value (<c>a=</c>); a key with an empty array or object leaves
/// nothing; booleans and numbers as JavaScript's <c>String(x)</c> (<c>true</c>, <c>1e+21</c>).
/// </summary>
public static class QsStringify
{
    public static string Build(Map data) => string.Join('&', data.Leaves()
        .Select(leaf => Uri.EscapeDataString(leaf.Path[0] + string.Concat(leaf.Path.Skip(1).Select(key => "[" + key + "]")))
            + "=" + Uri.EscapeDataString(leaf.Value is null ? "" : Scalar(leaf.Value))));

    public static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => JsNumber(d),
        string s => s,
        _ => throw new ArgumentException("Not a scalar."),
    };

    /// <summary>
    /// ECMAScript Number::toString: the shortest digits that round-trip, written plainly while the
    /// decimal exponent is from -6 to 20, otherwise as <c>d.ddde±x</c>.
    /// </summary>
    public static string JsNumber(double value)
    {
        if (value == 0)
            return "0";
        var (digits, exponent) = Shortest(Math.Abs(value));
        var sign = value < 0 ? "-" : "";
        if (exponent >= -6 && exponent < 21)
            return sign + PhpHttpBuildQuery.Fixed(digits, exponent);
        return $"{sign}{digits[0]}{(digits.Length > 1 ? "." + digits[1..] : "")}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent)}";
    }

    /// <summary>The shortest round-trip significant digits of a positive double and the decimal exponent of the first.</summary>
    private static (string Digits, int Exponent) Shortest(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture); // "123.45", "0.0001", "1.5E+21", "1E-07"
        var scale = 0;
        if (text.IndexOf('E') is var e and >= 0)
        {
            scale = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var all = whole + (point < 0 ? "" : text[(point + 1)..]);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        return (all.Trim('0'), scale + whole.Length - 1 - leadingZeros);
    }
}
