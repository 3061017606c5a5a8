using System.Text.Json;
using System.Text.Json.Serialization;

namespace EvMonitor.Client.Wire;

/// <summary>
/// A snapshot as <c>get_latest</c> and <c>get_history</c> send it: motors and batteries as arrays
/// of objects carrying their <c>index</c>, and <c>state_name</c> among the general readings.
/// </summary>
internal sealed record StoredSnapshotWire(
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("received_at")] DateTimeOffset? ReceivedAt,
    [property: JsonPropertyName("user_agent")] string? UserAgent,
    [property: JsonPropertyName("general")] JsonElement General,
    [property: JsonPropertyName("motor")] List<JsonElement>? Motor,
    [property: JsonPropertyName("batt")] List<JsonElement>? Batt,
    [property: JsonPropertyName("gps")] GpsPosition? Gps)
{
    public StoredSnapshot ToSnapshot() => new()
    {
        Timestamp = DateTimeOffset.FromUnixTimeSeconds(Timestamp),
        ReceivedAt = ReceivedAt,
        UserAgent = UserAgent,
        General = General.ValueKind == JsonValueKind.Object ? General.Deserialize(ClientJson.Default.GeneralReadings)! : new GeneralReadings(),
        StateName = General.ValueKind == JsonValueKind.Object && General.TryGetProperty("state_name", out var name) ? name.GetString() : null,
        Motors = ByIndex(Motor, element => element.Deserialize(ClientJson.Default.MotorReadings)!),
        Batteries = ByIndex(Batt, element => element.Deserialize(ClientJson.Default.BatteryReadings)!),
        Gps = Gps,
    };

    // Each object's own "index" is its key; the readings ignore it as an unknown field.
    private static SortedDictionary<int, T> ByIndex<T>(List<JsonElement>? parts, Func<JsonElement, T> read)
    {
        var byIndex = new SortedDictionary<int, T>();
        foreach (var part in parts ?? [])
            byIndex[part.GetProperty("index").GetInt32()] = read(part);
        return byIndex;
    }
}
