using System.Globalization;
using System.Text.Json.Nodes;
using EvMonitor.Core.Tests.Push;
using EvMonitor.Telemetry;

namespace EvMonitor.Core.Tests.Telemetry;

/// <summary>
/// The field table against what does not come from it: the original contract's keys (written out
/// here from API.md, the independent source) and docs/api.md; and each reading followed through every
/// consumer of the table, from the push to the snapshot read back.
/// </summary>
public sealed class TelemetryFieldsTests
{
    /// <summary>The contract's readings (API.md), and whether each is measured (a decimal) or categorical.</summary>
    private static readonly (string Key, bool Measured)[] ContractKeys =
    [
        ("speed", true), ("range", true), ("state", false), ("odometer", true), ("watt_100km", true),
        ("motor[m][watt]", true), ("motor[m][rpm]", true), ("motor[m][torque]", true), ("motor[m][temp]", true),
        ("motor[m][coolfluid_temp]", true), ("motor[m][coolfluid_pump]", false),
        ("batt[b][soc]", true), ("batt[b][soc_wh]", true), ("batt[b][v]", true), ("batt[b][vmin]", true), ("batt[b][vmax]", true),
        ("batt[b][i]", true), ("batt[b][i_charge]", true), ("batt[b][w]", true), ("batt[b][w_charge]", true),
        ("batt[b][i_charge_max]", true), ("batt[b][i_discharge_max]", true), ("batt[b][temp]", true), ("batt[b][temp_min]", true),
        ("batt[b][temp_max]", true), ("batt[b][coolfluid_temp]", true), ("batt[b][coolfluid_pump]", false), ("batt[b][soh]", true),
        ("gps[lat]", true), ("gps[lng]", true), ("gps[acc]", true), ("gps[alt]", true),
    ];

    public static string DocKey(TelemetryField field) => field.Group switch
    {
        TelemetryGroup.Motor => $"motor[m][{field.Name}]",
        TelemetryGroup.Battery => $"batt[b][{field.Name}]",
        TelemetryGroup.Gps => $"gps[{field.Name}]",
        _ => field.Name,
    };

    /// <summary>The form key of a field in snapshot 0, motor/battery 0.</summary>
    public static string FormKey(TelemetryField field) =>
        "data[0][general]" + string.Concat(DocKey(field).Replace("[m]", "[0]").Replace("[b]", "[0]").Split('[').Select((part, i) => i == 0 ? $"[{part}]" : $"[{part}"));

    public static TheoryData<string> FieldKeys => [.. TelemetryFields.All.Select(FormKey)];

    [Fact]
    public void TheTableHasEveryReadingOfTheContractAndNoOther()
    {
        Assert.Equal(ContractKeys, TelemetryFields.All.Select(f => (DocKey(f), f.Measured)));
    }

    [Fact]
    public void EveryReadingHasItsOwnColumn()
    {
        foreach (var row in TelemetryFields.All.GroupBy(f => f.Group is TelemetryGroup.Gps ? TelemetryGroup.General : f.Group))
        {
            var columns = row.Select(f => f.Column).Concat(row.Select(f => f.NameColumn).OfType<string>()).ToList();
            Assert.Equal(columns.Distinct().Count(), columns.Count);
        }
    }

    [Fact]
    public void TheApiReferenceListsTheTable()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "api.md"));
        var header = Array.FindIndex(lines, l => l.StartsWith("| Key under `data[i][general]`", StringComparison.Ordinal));
        Assert.True(header >= 0, "docs/api.md has no field table");
        var documented = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).ToList();

        var expected = TelemetryFields.All.Select(DocRow).ToList();

        Assert.True(expected.SequenceEqual(documented), "docs/api.md's field table should read:\n" + string.Join('\n', expected));
    }

    private static string DocRow(TelemetryField field)
    {
        string meaning;
        if (field.Measured)
        {
            meaning = field.Unit + (field.Min, field.Max) switch
            {
                (double.NegativeInfinity, double.PositiveInfinity) => "",
                (0, double.PositiveInfinity) => ", not negative",
                var (min, max) => string.Create(CultureInfo.InvariantCulture, $", {min} to {max}"),
            };
        }
        else
        {
            meaning = (field.Unit.Length > 0 ? field.Unit + ": " : "") + string.Join(", ", field.Values.Select(v => $"{v.Value} {v.Meaning}"));
        }
        if (field.Required)
            meaning += "; required when `gps` is sent";
        var stored = field.NameColumn is { } nameColumn ? $"`{field.Column}`, `{nameColumn}`" : $"`{field.Column}`";
        return $"| `{DocKey(field)}` | {(field.Measured ? "number" : "whole number")} | {meaning} | {stored} |";
    }

    [Theory]
    [MemberData(nameof(FieldKeys))]
    public async Task AReadingGoesFromThePushToTheQueueTheRowAndBackUnderItsName(string key)
    {
        var field = TelemetryFields.All.Single(f => FormKey(f) == key);
        var value = field.Measured ? "12.5" : field.Values[^1].Value.ToString(CultureInfo.InvariantCulture);

        var json = await PushedAndReadBackAsync((key, value));

        var group = field.Group switch
        {
            TelemetryGroup.Motor => json["motor"]![0]!,
            TelemetryGroup.Battery => json["batt"]![0]!,
            TelemetryGroup.Gps => json["gps"]!,
            _ => json["general"]!,
        };
        Assert.Equal(value, group[field.Name]!.ToJsonString());
    }

    /// <summary>
    /// A snapshot (with a GPS fix) pushed as a form, through the queue message, the table rows and
    /// the read-back JSON: every step an accepted reading takes, short of storage.
    /// </summary>
    public static async Task<JsonObject> PushedAndReadBackAsync(params (string Key, string Value)[] changes)
    {
        var outcome = await PushReading.ReadSnapshotAsync(changes);
        Assert.Empty(outcome.Errors);
        var header = Snapshots.Header();
        var queued = TelemetryMessages.Unpack(Assert.Single(TelemetryMessages.Pack(header, outcome.Snapshots)).ToMemory());
        var rows = TelemetryRows.ToEntities(queued, Assert.Single(queued.Snapshots));
        return SnapshotJson.FromRows(rows[0], rows.Skip(1));
    }
}
