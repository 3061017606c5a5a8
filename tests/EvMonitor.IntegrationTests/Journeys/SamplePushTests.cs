using System.Globalization;
using System.Text.Json.Nodes;
using EvMonitor.Cli;
using EvMonitor.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;

namespace EvMonitor.IntegrationTests.Journeys;

/// <summary>
/// <c>sample push</c> against the running service: the sample's drive becomes one trip and its
/// charge one session, with the figures the file itself gives (read here on its own, not through
/// the CLI's reader).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SamplePushTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(azurite);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private static string SamplePath => Path.Combine(Repository.Root, "samples", "drive-and-charge.csv");

    private sealed record Row(long Offset, int State, double? Speed, double Odometer, double Lat, double Lng, double Soc, double? Volts, double? Amps);

    private static List<Row> SampleRows()
    {
        var lines = File.ReadAllLines(SamplePath);
        var header = lines[0].Split(',').ToList();
        double? Cell(string[] cells, string name) =>
            cells[header.IndexOf(name)] is { Length: > 0 } text ? double.Parse(text, CultureInfo.InvariantCulture) : null;
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(c => new Row(
            (long)Cell(c, "offset_s")!.Value, (int)Cell(c, "state")!.Value, Cell(c, "speed_kmh"), Cell(c, "odometer_km")!.Value,
            Cell(c, "lat")!.Value, Cell(c, "lng")!.Value, Cell(c, "soc_pct")!.Value, Cell(c, "batt_v"), Cell(c, "batt_i_charge_a"))).ToList();
    }

    private async Task<(int ExitCode, JsonNode? Stdout, string Stderr)> SamplePushAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await OperatorCli.RunAsync(["sample", "push", .. args], new ConfigurationBuilder().Build(), stdout, stderr);
        return (exitCode, stdout.ToString().Length > 0 ? JsonNode.Parse(stdout.ToString()) : null, stderr.ToString());
    }

    /// <summary>The one run that <paramref name="read"/> finds once it holds all <paramref name="snapshots"/>: a push is derived message by message.</summary>
    private static async Task<T> OnlyRunAsync<T>(Func<IAsyncEnumerable<T>> read, Func<T, int> snapshotsOf, int snapshots)
    {
        T? run = default;
        await ApiCalls.EventuallyAsync(async () =>
        {
            var runs = await read().ToListAsync();
            run = runs.Count == 1 ? runs[0] : default;
            return run is not null && snapshotsOf(run) == snapshots;
        });
        return run!;
    }

    [Fact]
    public async Task PushedSampleEndingNowIsOneTripAndOneDcSessionWithTheFilesFigures()
    {
        var account = await _service.CreateAccountAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var (exitCode, stdout, stderr) = await SamplePushAsync(
            "--email", account.Email, "--vehicle", account.VehicleId, "--password", account.Password, "--url", _service.Client.BaseAddress!.AbsoluteUri, "--file", SamplePath);

        Assert.True(exitCode == 0, stderr);
        var rows = SampleRows();
        var end = (long)stdout!["to"]!;
        Assert.InRange(end, before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(rows.Count, (int)stdout["pushed"]!);
        long At(Row r) => end - rows[^1].Offset + r.Offset;

        var app = _service.Client.ClientFor(account);
        var (from, to) = (DateTimeOffset.FromUnixTimeSeconds(end - 86_400), DateTimeOffset.FromUnixTimeSeconds(end));
        var drive = rows.Where(r => r.State == 1).ToList();
        var trip = await OnlyRunAsync(() => app.ReadTripsAsync(account.VehicleId, from, to), t => t.Snapshots, drive.Count);
        Assert.Equal(At(drive[0]), trip.Start.ToUnixTimeSeconds());
        Assert.Equal(At(drive[^1]), trip.End.ToUnixTimeSeconds());
        Assert.Equal(Math.Round(drive[^1].Odometer - drive[0].Odometer, 3), trip.DistanceKm!.Value, 3);
        Assert.Equal(drive.Max(r => r.Speed), trip.MaxSpeedKmh);
        Assert.Equal(drive[0].Soc, trip.SocStart);
        Assert.Equal(drive[^1].Soc, trip.SocEnd);
        Assert.Equal(drive[0].Lat, trip.StartPosition!.Lat);
        Assert.Equal(drive[^1].Lng, trip.EndPosition!.Lng);

        var charging = rows.Where(r => r.State == 11).ToList();
        var charge = await OnlyRunAsync(() => app.ReadChargesAsync(account.VehicleId, from, to), c => c.Snapshots, charging.Count);
        Assert.Equal("dc", charge.Kind);
        Assert.Equal(At(charging[0]), charge.Start.ToUnixTimeSeconds());
        Assert.Equal(charging[^1].Offset - charging[0].Offset, charge.DurationSeconds);
        Assert.Equal(charging[0].Soc, charge.SocStart);
        Assert.Equal(charging[^1].Soc, charge.SocEnd);
        // Energy added: the trapezoid integral of v × i_charge between consecutive snapshots, in kWh.
        var joules = charging.Zip(charging.Skip(1), (a, b) => (a.Volts!.Value * a.Amps!.Value + b.Volts!.Value * b.Amps!.Value) / 2 * (b.Offset - a.Offset)).Sum();
        Assert.Equal(joules / 3.6e6, charge.EnergyKwh!.Value, 2);
        Assert.Equal(charging.Max(r => r.Volts!.Value * r.Amps!.Value) / 1000, charge.MaxPowerKw!.Value, 2);
    }

    [Fact]
    public async Task WrongPasswordIsTheApisErrorAndNothingIsPushed()
    {
        var account = await _service.CreateAccountAsync();

        var (exitCode, stdout, stderr) = await SamplePushAsync(
            "--email", account.Email, "--vehicle", account.VehicleId, "--password", "not the password", "--url", _service.Client.BaseAddress!.AbsoluteUri);

        Assert.Equal(1, exitCode);
        Assert.Null(stdout);
        Assert.Equal("ERROR", (string?)JsonNode.Parse(stderr)!["SUCCESS"]);
        Assert.Empty(await _service.TelemetryRowsAsync(account.VehicleId));
    }

    [Fact]
    public async Task WithoutAPasswordTheUsageNamesTheOptionAndItsVariable()
    {
        var (exitCode, _, stderr) = await SamplePushAsync("--email", "ann@example.com", "--vehicle", "v1");

        Assert.Equal(2, exitCode);
        Assert.Contains("--password", stderr);
        Assert.Contains(SamplePush.PasswordVariable, stderr);
    }

    [Fact]
    public async Task AFileWithABadReadingIsRefusedNamingItsLineAndColumnAndNothingIsPushed()
    {
        var account = await _service.CreateAccountAsync();
        var file = Path.Combine(Path.GetTempPath(), $"sample-{Guid.NewGuid():N}.csv");
        var lines = File.ReadAllLines(SamplePath);
        lines[3] = lines[3].Replace(",4,", ",four,", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(file, lines);
        try
        {
            var (exitCode, stdout, stderr) = await SamplePushAsync(
                "--email", account.Email, "--vehicle", account.VehicleId, "--password", account.Password, "--url", _service.Client.BaseAddress!.AbsoluteUri, "--file", file);

            Assert.Equal(1, exitCode);
            Assert.Null(stdout);
            var error = JsonNode.Parse(stderr)!;
            Assert.Equal("VALIDATION_FAILED", (string?)error["code"]);
            Assert.Contains("line 4: gps_acc_m 'four' is not a number", (string?)error["error"]);
            Assert.Empty(await _service.TelemetryRowsAsync(account.VehicleId));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
