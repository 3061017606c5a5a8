using System.Net;
using System.Text.Json.Nodes;

namespace EvMonitor.IntegrationTests.Support;

/// <summary>Signing up, adding vehicles and reading history back, as an app does it over HTTP.</summary>
public static class ReadApiCalls
{
    public static async Task<(string Email, string Password, string UserId)> RegisterAsync(this HttpClient client, string password = "correct-horse-battery")
    {
        var email = $"rider-{Guid.NewGuid():N}@example.com";
        var userId = await ApiCalls.ClientFor(client).RegisterAsync(email, password, "Rider");
        return (email, password, userId);
    }

    public static async Task<JsonObject> AddVehicleAsync(this HttpClient client, string token, string nickname, string make = "energica", string model = "energica-ss9")
    {
        var answer = await client.PostFormAsync("add_vehicle", ("token", token), ("make", make), ("model", model), ("nickname", nickname));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Body["vehicle"]!.AsObject();
    }

    public static async Task<List<JsonObject>> VehiclesAsync(this HttpClient client, string token)
    {
        var answer = await client.PostFormAsync("get_vehicles", ("token", token));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Body["vehicles"]!.AsArray().Select(v => v!.AsObject()).ToList();
    }

    public static async Task<ApiCalls.Answer> PushAsync(this HttpClient client, string token, string vehicleId, string userAgent, IEnumerable<PushedSnapshot> snapshots)
    {
        var fields = new List<(string, string)> { ("token", token), ("vehicle_id", vehicleId), ("user-agent", userAgent) };
        var i = 0;
        foreach (var snapshot in snapshots)
            fields.AddRange(snapshot.FormFields(i++));
        var answer = await client.PostFormAsync("push", [.. fields]);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer;
    }

    /// <summary>Every page of a range, following next_cursor to the end.</summary>
    public static async Task<(List<JsonObject> Snapshots, List<int> PageSizes)> ReadHistoryAsync(
        this HttpClient client, string token, string vehicleId, string from, string to, int? limit = null)
    {
        var snapshots = new List<JsonObject>();
        var pageSizes = new List<int>();
        string? cursor = null;
        do
        {
            var fields = new List<(string, string)> { ("token", token), ("vehicle_id", vehicleId), ("from", from), ("to", to) };
            if (limit is not null)
                fields.Add(("limit", $"{limit}"));
            if (cursor is not null)
                fields.Add(("cursor", cursor));
            var answer = await client.PostFormAsync("get_history", [.. fields]);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            var page = answer.Body["snapshots"]!.AsArray();
            pageSizes.Add(page.Count);
            snapshots.AddRange(page.Select(s => s!.AsObject()));
            cursor = (string?)answer.Body["next_cursor"];
            Assert.True(pageSizes.Count < 1000, "get_history kept returning a next_cursor");
        }
        while (cursor is not null);
        return (snapshots, pageSizes);
    }

    /// <summary>The snapshots without <c>received_at</c> (which the test cannot know) in a form that compares and prints well.</summary>
    public static List<string> Comparable(IEnumerable<JsonObject> snapshots) =>
        snapshots.Select(s =>
        {
            var copy = s.DeepClone().AsObject();
            copy.Remove("received_at");
            return Canonical(copy)!.ToJsonString();
        }).ToList();

    /// <summary>Object keys sorted, so two snapshots compare by content, not key order.</summary>
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        _ => node?.DeepClone(),
    };
}

/// <summary>A snapshot as a test pushes it, and what get_latest / get_history must then show for it.</summary>
public sealed record PushedSnapshot(long Timestamp, int Speed, int? State = null, int[]? MotorRpms = null, int? Soc = null, (double Lat, double Lng, int Acc)? Gps = null)
{
    public IEnumerable<(string, string)> FormFields(int i)
    {
        var p = $"data[{i}]";
        yield return ($"{p}[timestamp]", $"{Timestamp}");
        yield return ($"{p}[general][speed]", $"{Speed}");
        if (State is { } state)
            yield return ($"{p}[general][state]", $"{state}");
        for (var m = 0; m < (MotorRpms?.Length ?? 0); m++)
            yield return ($"{p}[general][motor][{m}][rpm]", $"{MotorRpms![m]}");
        if (Soc is { } soc)
            yield return ($"{p}[general][batt][0][soc]", $"{soc}");
        if (Gps is { } gps)
        {
            yield return ($"{p}[general][gps][lat]", gps.Lat.ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return ($"{p}[general][gps][lng]", gps.Lng.ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return ($"{p}[general][gps][acc]", $"{gps.Acc}");
        }
    }

    public JsonObject Expected(string userAgent)
    {
        var general = new JsonObject { ["speed"] = Speed };
        if (State is { } state)
        {
            general["state"] = state;
            general["state_name"] = state switch { 0 => "off", 1 => "on", 10 => "charging_ac", _ => "charging_dc" };
        }
        var json = new JsonObject
        {
            ["timestamp"] = Timestamp,
            ["measured_at"] = DateTimeOffset.FromUnixTimeSeconds(Timestamp).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["user_agent"] = userAgent,
            ["general"] = general,
        };
        if (MotorRpms is { Length: > 0 })
            json["motor"] = new JsonArray(MotorRpms.Select((rpm, m) => (JsonNode)new JsonObject { ["index"] = m, ["rpm"] = rpm }).ToArray());
        if (Soc is { } soc)
            json["batt"] = new JsonArray(new JsonObject { ["index"] = 0, ["soc"] = soc });
        if (Gps is { } gps)
            json["gps"] = new JsonObject { ["lat"] = gps.Lat, ["lng"] = gps.Lng, ["acc"] = gps.Acc };
        return json;
    }
}
