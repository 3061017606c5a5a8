using System.Net;
using System.Text.Json.Nodes;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.IntegrationTests;

/// <summary>
/// The exact JSON of add_vehicle, push, get_latest and get_history, key by key and in order, as
/// docs/api-extensions.md shows it. The other tests read these answers through the client, which
/// would not notice a key renamed, added or moved.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AnswerJsonTests(SharedService shared) : IClassFixture<SharedService>
{
    private RunningService Service => shared.Service;

    /// <summary>A whole minute an hour ago: well inside what a push accepts.</summary>
    private static readonly long T = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 - 3600;

    private static string Iso(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task AddVehicleAnswersTheNewVehicleWithEveryValueAString()
    {
        var account = await Service.CreateAccountAsync();
        var token = await Service.Client.LoginAsync(account);

        var answer = await Service.Client.PostFormAsync("add_vehicle", ("token", token), ("make", "energica"), ("model", "energica-ego"), ("nickname", "Bolt"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var id = (string)answer.Body["vehicle"]!["id"]!;
        Assert.Equal($$$"""
            {"SUCCESS":"OK","vehicle":{"id":"{{{id}}}","user_id":"{{{account.UserId}}}","make":"energica","model":"energica-ego","nickname":"Bolt","plan":"0","time_zone":"UTC"}}
            """, answer.Body.ToJsonString());
        Assert.NotEqual(account.VehicleId, id);
    }

    [Fact]
    public async Task APushIsAcknowledgedThenGetLatestAndGetHistoryShowItsSnapshotsWithTheDocumentedKeys()
    {
        var account = await Service.CreateAccountAsync();
        var token = await Service.Client.LoginAsync(account);

        // The snapshot of the documentation's example, and an older one with a speed alone.
        var push = await Service.Client.PostFormAsync("push", ("token", token), ("vehicle_id", account.VehicleId), ("user-agent", "My cool app"),
            ("data[0][timestamp]", $"{T}"),
            ("data[0][general][speed]", "87"), ("data[0][general][range]", "150"), ("data[0][general][state]", "1"),
            ("data[0][general][odometer]", "12345"), ("data[0][general][watt_100km]", "9800"),
            ("data[0][general][motor][0][rpm]", "5200"), ("data[0][general][motor][0][watt]", "41000"), ("data[0][general][motor][1][rpm]", "5180"),
            ("data[0][general][batt][0][soc]", "80"), ("data[0][general][batt][0][v]", "400"), ("data[0][general][batt][0][temp]", "31"),
            ("data[0][general][gps][lat]", "44.6471"), ("data[0][general][gps][lng]", "10.9252"), ("data[0][general][gps][acc]", "5"), ("data[0][general][gps][alt]", "35.5"),
            ("data[1][timestamp]", $"{T - 10}"), ("data[1][general][speed]", "71.5"));

        Assert.Equal("""{"SUCCESS":"OK","accepted":2}""", push.Body.ToJsonString());
        var newest = $$$"""
            {"timestamp":{{{T}}},"measured_at":"{{{Iso(T)}}}","received_at":"(received_at)","user_agent":"My cool app",
            "general":{"speed":87,"range":150,"state":1,"state_name":"on","odometer":12345,"watt_100km":9800},
            "motor":[{"index":0,"watt":41000,"rpm":5200},{"index":1,"rpm":5180}],
            "batt":[{"index":0,"soc":80,"v":400,"temp":31}],
            "gps":{"lat":44.6471,"lng":10.9252,"acc":5,"alt":35.5}}
            """.ReplaceLineEndings("");
        var older = $$$"""
            {"timestamp":{{{T - 10}}},"measured_at":"{{{Iso(T - 10)}}}","received_at":"(received_at)","user_agent":"My cool app","general":{"speed":71.5}}
            """;

        WireCalls.Answer latest = null!;
        await ApiCalls.EventuallyAsync(async () =>
            (latest = await Service.Client.PostFormAsync("get_latest", ("token", token), ("vehicle_id", account.VehicleId))).Body["snapshot"] is not null);
        Assert.Equal($$$"""{"SUCCESS":"OK","vehicle_id":"{{{account.VehicleId}}}","snapshot":{{{newest}}}}""", WithoutReceivedAt(latest.Body));

        // from as ISO-8601 with an offset, to as Unix seconds: both forms the field takes.
        var from = DateTimeOffset.FromUnixTimeSeconds(T - 10).ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var range = new[] { ("token", token), ("vehicle_id", account.VehicleId), ("from", from), ("to", $"{T}"), ("limit", "1") };
        var first = await Service.Client.PostFormAsync("get_history", range);
        var cursor = (string)first.Body["next_cursor"]!;
        var second = await Service.Client.PostFormAsync("get_history", [.. range, ("cursor", cursor)]);

        Assert.Equal($$$"""{"SUCCESS":"OK","vehicle_id":"{{{account.VehicleId}}}","snapshots":[{{{older}}}],"next_cursor":"{{{cursor}}}"}""", WithoutReceivedAt(first.Body));
        Assert.Equal($$$"""{"SUCCESS":"OK","vehicle_id":"{{{account.VehicleId}}}","snapshots":[{{{newest}}}],"next_cursor":null}""", WithoutReceivedAt(second.Body));
    }

    /// <summary>
    /// The answer with each snapshot's <c>received_at</c>, which the test cannot know, checked to be
    /// ISO-8601 UTC within the last minutes and replaced by a placeholder.
    /// </summary>
    private static string WithoutReceivedAt(JsonObject answer)
    {
        var copy = answer.DeepClone().AsObject();
        var snapshots = copy["snapshot"] is JsonObject one ? [one] : copy["snapshots"]!.AsArray().Select(s => s!.AsObject()).ToList();
        foreach (var snapshot in snapshots)
        {
            var receivedAt = (string)snapshot["received_at"]!;
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z$", receivedAt);
            Assert.InRange(DateTimeOffset.Parse(receivedAt, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
            snapshot["received_at"] = "(received_at)";
        }
        return copy.ToJsonString();
    }
}
