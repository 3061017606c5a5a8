using System.Text;
using EvMonitor.Telemetry;

namespace EvMonitor.Core.Tests.Telemetry;

/// <summary>
/// Finding a reading by its UTF-8 name (as a JSON body spells it) against the plainest search
/// there is: a look at every field of the group in turn.
/// </summary>
public sealed class TelemetryFieldLookupTests
{
    private static TelemetryField? Scan(TelemetryGroup group, string name) =>
        TelemetryFields.Of(group).SingleOrDefault(f => f.Name == name);

    /// <summary>Every name of the table, in every group, with the names that differ from it by a byte, a length or a case.</summary>
    public static TheoryData<string> Names()
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { "", "x", "data", "general", "motor", "batt", "gps", "timestamp", new string('a', 17) };
        foreach (var name in TelemetryFields.All.Select(f => f.Name))
        {
            names.UnionWith([name, name + "x", "x" + name, name[..^1], name[1..], name.ToUpperInvariant(), name.PadRight(16, '_'), name.PadRight(17, '_')]);
            for (var i = 0; i < name.Length; i++)
                names.Add(name[..i] + (char)(name[i] + 1) + name[(i + 1)..]);
        }
        return [.. names];
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void AUtf8NameFindsTheFieldOfThatNameAndNoOther(string name)
    {
        foreach (var group in Enum.GetValues<TelemetryGroup>())
        {
            Assert.Same(Scan(group, name), TelemetryFields.Find(group, Encoding.UTF8.GetBytes(name)));
            Assert.Same(Scan(group, name), TelemetryFields.Find(group, name.AsSpan()));
        }
    }

    [Fact]
    public void RandomNamesOfUpTo20BytesFindWhatTheScanFinds()
    {
        var random = new Random(4711);
        var letters = "abcdefghijklmnopqrstuvwxyz_0123456789";
        for (var n = 0; n < 20_000; n++)
        {
            var name = new string([.. Enumerable.Range(0, random.Next(1, 21)).Select(_ => letters[random.Next(letters.Length)])]);
            var group = (TelemetryGroup)random.Next(Enum.GetValues<TelemetryGroup>().Length);
            Assert.Same(Scan(group, name), TelemetryFields.Find(group, Encoding.UTF8.GetBytes(name)));
        }
    }
}
