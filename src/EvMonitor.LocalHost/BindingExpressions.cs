using System.Text.RegularExpressions;

namespace EvMonitor.LocalHost;

/// <summary>
/// <c>%name%</c> in a trigger attribute (a queue name, a route) is replaced by the app setting
/// <c>name</c>, as the Functions host does; a setting that is missing or empty does not resolve.
/// </summary>
public static partial class BindingExpressions
{
    public static string Resolve(string text, IConfiguration configuration) =>
        Expression().Replace(text, match => configuration[match.Groups[1].Value] is { Length: > 0 } value
            ? value
            // The Functions host's own words for it, so that both hosts log the same failure.
            : throw new InvalidOperationException($"'{text}' does not resolve to a value."));

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Expression();
}
