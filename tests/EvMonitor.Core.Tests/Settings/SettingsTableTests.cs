using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using EvMonitor.LocalHost;
using EvMonitor.Settings;

namespace EvMonitor.Core.Tests.Settings;

/// <summary>
/// The README's settings table against the options classes, the one place the app's and the local
/// host's settings and their defaults are declared: every setting of every <see cref="ISettings"/>
/// class is listed with its default, and every <c>EvMonitor__</c> and <c>LocalHost__</c> setting
/// listed, and <c>Urls</c>, is one of them.
/// </summary>
public sealed partial class SettingsTableTests
{
    private static readonly Dictionary<string, string> Table = ReadTable();

    public static TheoryData<string, string> Declared()
    {
        var data = new TheoryData<string, string>();
        var types = new[] { typeof(ISettings).Assembly, typeof(LocalHostOptions).Assembly }.SelectMany(a => a.GetTypes());
        foreach (var type in types.Where(t => t.IsClass && typeof(ISettings).IsAssignableFrom(t)))
        {
            var section = (string)type.GetProperty(nameof(ISettings.Section), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            var defaults = Activator.CreateInstance(type)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
                data.Add(SettingsRegistration.AppSettingName(section, property.Name), Shown(property.GetValue(defaults)));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Declared))]
    public void TheReadmeListsEverySettingWithItsDefault(string setting, string defaultShown)
    {
        Assert.True(Table.TryGetValue(setting, out var listed), $"README.md's settings table has no row for {setting}.");
        Assert.StartsWith(defaultShown, listed);
    }

    [Fact]
    public void EveryAppSettingTheReadmeListsIsDeclared()
    {
        var declared = Declared().Select(row => (string)row[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.All(Table.Keys.Where(name => name.StartsWith("EvMonitor__", StringComparison.Ordinal) || name.StartsWith("LocalHost__", StringComparison.Ordinal) || name == "Urls"),
            name => Assert.True(declared.Contains(name), $"README.md lists {name}, which no options class declares."));
    }

    /// <summary>A default as the table shows it: TimeSpans as <c>hh:mm:ss</c>, an empty string as "empty", none as "—".</summary>
    private static string Shown(object? value) => value switch
    {
        null => "—",
        "" => "empty",
        bool b => b ? "`true`" : "`false`",
        TimeSpan t => $"`{t.ToString("c", CultureInfo.InvariantCulture)}`",
        IFormattable f => $"`{f.ToString(null, CultureInfo.InvariantCulture)}`",
        _ => $"`{value}`",
    };

    /// <summary>
    /// Setting name to what its row's Default column says. A row may name several settings
    /// (<c>`A__B__C`, `…__D`</c>: D under the same section as C), with as many defaults, in order.
    /// </summary>
    private static Dictionary<string, string> ReadTable()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "README.md"));
        var section = readme[readme.IndexOf("\n## Settings", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        var table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split('|');
            var names = Code().Matches(cells[1]).Select(m => m.Groups[1].Value).ToList();
            var defaults = Code().Matches(cells[2]).Select(m => m.Value).ToList();
            var previous = "";
            for (var i = 0; i < names.Count; i++)
            {
                var name = names[i].StartsWith('…') ? previous[..(previous.LastIndexOf("__", StringComparison.Ordinal) + 2)] + names[i].TrimStart('…', '_') : names[i];
                table[name] = names.Count > 1 && defaults.Count == names.Count ? defaults[i] : cells[2].Trim();
                previous = name;
            }
        }
        return table;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
