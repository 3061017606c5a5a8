using EvMonitor.Settings;

namespace EvMonitor.LocalHost;

/// <summary>
/// Where the local host listens: ASP.NET Core's own top-level setting <c>Urls</c>, which Kestrel reads
/// (a <c>--Urls=…</c> argument too); declared here for its default and its start-up check.
/// </summary>
public sealed record LocalHostUrls : ISettings
{
    /// <summary>The configuration's root: the setting is <c>Urls</c> itself.</summary>
    public static string Section => "";

    /// <summary>One address or several separated by <c>;</c>, each <c>http://</c> or <c>https://</c> with a host and a port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:7071";

    public IEnumerable<string> Problems()
    {
        var addresses = Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0 || !addresses.All(IsAddress))
            yield return $"{SettingRules.Name(Section, nameof(Urls))} is '{Urls}'; it must be one or more addresses like http://127.0.0.1:7071, separated by ';'.";
    }

    /// <summary>As Kestrel takes them: a scheme, then a host (<c>*</c> and <c>+</c> for every interface), then a port.</summary>
    private static bool IsAddress(string address) =>
        Uri.TryCreate(address.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host);
}
