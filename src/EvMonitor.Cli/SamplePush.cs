using System.Text.Json.Nodes;
using EvMonitor.Api;
using EvMonitor.Client;

namespace EvMonitor.Cli;

/// <summary>
/// <c>sample push</c>: replays the sample ride, ending now, into one vehicle through the HTTP API
/// of a running service, as an app would (login, then pushes of up to 1,000 snapshots).
/// </summary>
public static class SamplePush
{
    public const string DefaultUrl = "http://127.0.0.1:7071/api/";

    /// <summary>Where the user's password is read when <c>--password</c> is not given, so that it stays out of the shell's history.</summary>
    public const string PasswordVariable = "EVMONITOR_PASSWORD";

    public static async Task<JsonNode> RunAsync(Options options, string? passwordFromEnvironment, DateTimeOffset now)
    {
        var email = options.Required("email");
        var vehicleId = options.Required("vehicle");
        var password = options.Optional("password") ?? passwordFromEnvironment
            ?? throw new CliException($"--password is required (or set {PasswordVariable}): the sample is pushed as the user, through the API");
        var url = options.Optional("url") ?? DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            throw new CliException($"--url '{url}' is not an http(s) URL such as {DefaultUrl}");
        var path = options.Optional("file") ?? SampleRide.DefaultPath;
        if (!File.Exists(path))
            throw new CliException(ApiResult.Error(404, Api.ErrorCodes.NotFound, $"No sample file at '{path}'."));

        List<TelemetrySnapshot> snapshots;
        try
        {
            snapshots = SampleRide.Read(path, now);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(ApiResult.Error(400, Api.ErrorCodes.ValidationFailed, e.Message));
        }

        using var http = new HttpClient();
        var client = new EvMonitorClient(http, new EvMonitorClientOptions { BaseAddress = baseAddress, Username = email, Password = password });
        await using (var pusher = client.CreatePusher(vehicleId, new TelemetryPusherOptions { UserAgent = "evmonitor sample push" }))
        {
            foreach (var snapshot in snapshots)
                await pusher.AddAsync(snapshot);
        }
        return new JsonObject
        {
            ["vehicle_id"] = vehicleId,
            ["pushed"] = snapshots.Count,
            ["from"] = snapshots[0].Timestamp.ToUnixTimeSeconds(),
            ["to"] = snapshots[^1].Timestamp.ToUnixTimeSeconds(),
        };
    }
}
