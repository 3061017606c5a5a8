namespace EvMonitor.Core.Tests.Support;

/// <summary>The push example of API.md (two snapshots, two motors each, GPS in the first) in each encoding.</summary>
public static class SeedPush
{
    public const string VehicleId = "abcdefg1234";
    public const long FirstTimestamp = 1732550400;

    /// <summary>An hour after the example's first snapshot: "now" for every test that reads it.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(FirstTimestamp + 3600);

    /// <summary>The example as API.md prints it, line breaks removed.</summary>
    public static string FormBody(string token = "o7axty6jzequrg5") =>
        $"token={token}&vehicle_id=abcdefg1234&user-agent=My cool app"
        + "&data[0][timestamp]=1732550400"
        + "&data[0][general][speed]=87&data[0][general][state]=1"
        + "&data[0][general][motor][0][rpm]=5200&data[0][general][motor][1][rpm]=5180"
        + "&data[0][general][gps][lat]=44.6471&data[0][general][gps][lng]=10.9252&data[0][general][gps][acc]=5"
        + "&data[1][timestamp]=1732550405"
        + "&data[1][general][speed]=90"
        + "&data[1][general][motor][0][rpm]=5400&data[1][general][motor][1][rpm]=5390";

    /// <summary>The same tree in JSON, with motors once as an object keyed by index and once as an array.</summary>
    public static string JsonBody(string token = "o7axty6jzequrg5") => """
        {"token":"TOKEN","vehicle_id":"abcdefg1234","user-agent":"My cool app","data":[
          {"timestamp":1732550400,"general":{"speed":87,"state":1,
            "motor":{"0":{"rpm":5200},"1":{"rpm":5180}},
            "gps":{"lat":44.6471,"lng":10.9252,"acc":5}}},
          {"timestamp":1732550405,"general":{"speed":90,"motor":[{"rpm":5400},{"rpm":5390}]}}]}
        """.Replace("TOKEN", token);

    public static string MultipartBody(string token = "o7axty6jzequrg5") =>
        Requests.MultipartBody(FormBody(token).Split('&').Select(pair => pair.Split('=', 2)).Select(kv => (kv[0], kv[1])));
}
