using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Azure;
using EvMonitor.Client;
using EvMonitor.IntegrationTests.Support;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.IntegrationTests.Export;

/// <summary>export over HTTP, after pushes through the queue: the file, its headers, its limits, and what a client sees when storage fails.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExportEndpointTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(azurite);

    public async Task DisposeAsync() => await _service.DisposeAsync();

    /// <summary>Midnight UTC two days ago: the whole day fits what a push accepts.</summary>
    private static readonly long Day = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 86_400 * 86_400 - 2 * 86_400;

    // A comma and quotes, so the CSV must quote it.
    private const string UserAgent = "My cool app, \"beta\"";

    private static (string, string)[] Range(string token, string vehicleId, string format, long from, long to) =>
        [("token", token), ("vehicle_id", vehicleId), ("from", $"{from}"), ("to", $"{to}"), ("format", format)];

    private async Task<HttpResponseMessage> ExportAsync(params (string Key, string Value)[] fields) =>
        await _service.Client.PostAsync("export", new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))));

    private async Task<(string Token, string VehicleId, EvMonitorClient App)> AccountAsync()
    {
        var account = await _service.CreateAccountAsync();
        return (await _service.Client.LoginAsync(account), account.VehicleId, _service.Client.ClientFor(account));
    }

    /// <summary>Polls until get_history holds <paramref name="count"/> snapshots from <paramref name="from"/> to <paramref name="to"/>: the normalizer has stored them.</summary>
    private static Task StoredAsync(EvMonitorClient app, string vehicleId, long from, long to, int count) =>
        ApiCalls.EventuallyAsync(async () =>
            await app.ReadHistoryAsync(vehicleId, DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to)).CountAsync() == count);

    [Fact]
    public async Task CsvIsAnAttachmentWhoseLinesHoldExactlyWhatGetHistoryGives()
    {
        var (token, vehicleId, app) = await AccountAsync();
        var snapshots = Enumerable.Range(0, 40).Select(k => new PushedSnapshot(Day + 3600 + 7 * k, 30 + k, State: 1,
            MotorRpms: k % 2 == 0 ? [5200 + k, 5180] : null, Soc: 80 - k / 4, Gps: k % 3 == 0 ? (44.6471 + k / 1000.0, 10.9252, 5) : null)).ToTelemetrySnapshots();
        await app.PushAsync(vehicleId, snapshots, UserAgent);
        await StoredAsync(app, vehicleId, Day, Day + 86_399, snapshots.Count);
        // get_history's own JSON, not the client's reading of it: the file must hold the very text of each value.
        var page = await _service.Client.PostFormAsync("get_history",
            ("token", token), ("vehicle_id", vehicleId), ("from", $"{Day}"), ("to", $"{Day + 86_399}"), ("limit", "1000"));
        Assert.Null(page.Body["next_cursor"]);
        var history = page.Body["snapshots"]!.AsArray().Select(s => s!.AsObject()).ToList();

        using var response = await ExportAsync(Range(token, vehicleId, "csv", Day, Day + 86_399));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Matches(@"^ev-monitor-[A-Za-z0-9_-]+-\d{8}T\d{6}Z-\d{8}T\d{6}Z\.csv$", response.Content.Headers.ContentDisposition.FileName);
        var lines = Csv.Parse(await response.Content.ReadAsStringAsync());
        var header = lines[0];
        Assert.Equal(["timestamp", "measured_at", "received_at", "user_agent", "part", "index"], header.Take(6));
        Assert.Equal(ExpectedLines(history, header), lines.Skip(1).Select(l => string.Join('|', l)).ToList());
    }

    /// <summary>
    /// The lines the header calls for, built from get_history's JSON: a line per snapshot, then one
    /// per motor and battery; a column is the reading of its prefix's group (gps_, motor_, batt_, or general).
    /// </summary>
    private static List<string> ExpectedLines(List<JsonObject> history, string[] header)
    {
        var lines = new List<string>();
        foreach (var s in history)
        {
            lines.Add(Line(s, "snapshot", null));
            foreach (var part in new[] { "motor", "batt" })
                lines.AddRange((s[part]?.AsArray() ?? []).Select(c => Line(s, part, c!.AsObject())));
        }
        return lines;

        string Line(JsonObject s, string part, JsonObject? component) => string.Join('|', header.Select(column => column switch
        {
            "timestamp" => Text(s["timestamp"]),
            "measured_at" or "received_at" or "user_agent" => Text(s[column]),
            "part" => part,
            "index" => Text(component?["index"]),
            _ when column.StartsWith("motor_", StringComparison.Ordinal) => part == "motor" ? Text(component![column["motor_".Length..]]) : "",
            _ when column.StartsWith("batt_", StringComparison.Ordinal) => part == "batt" ? Text(component![column["batt_".Length..]]) : "",
            _ when column.StartsWith("gps_", StringComparison.Ordinal) => component is null ? Text(s["gps"]?[column["gps_".Length..]]) : "",
            _ => component is null ? Text(s["general"]![column]) : "",
        }));

        static string Text(JsonNode? value) => value switch
        {
            null => "",
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => (string)v!,
            _ => value.ToJsonString(),
        };
    }

    [Fact]
    public async Task GpxHasOneTrackPerTripWithAPointPerGpsFix()
    {
        var (token, vehicleId, app) = await AccountAsync();
        // Trips at 08:00, 09:00 and 10:00 UTC, every other snapshot with a fix, and an AC charge at 12:00 with fixes too.
        var snapshots = new[] { 8, 9, 10 }
            .SelectMany(h => Enumerable.Range(0, 6).Select(k => new PushedSnapshot(Day + h * 3600 + 5 * k, 40 + k, State: 1,
                Gps: k % 2 == 0 ? (44.6 + h / 100.0 + k / 10_000.0, 10.9, 5) : null)))
            .Concat(Enumerable.Range(0, 6).Select(k => new PushedSnapshot(Day + 12 * 3600 + 5 * k, 0, State: 10, Gps: (44.7, 10.9, 5))))
            .ToTelemetrySnapshots();
        await app.PushAsync(vehicleId, snapshots, UserAgent);
        var trips = new List<Trip>();
        await ApiCalls.EventuallyAsync(async () =>
        {
            trips = await app.ReadTripsAsync(vehicleId, DateTimeOffset.FromUnixTimeSeconds(Day), DateTimeOffset.FromUnixTimeSeconds(Day + 86_399)).ToListAsync();
            return trips.Count == 3;
        });

        using var response = await ExportAsync(Range(token, vehicleId, "gpx", Day, Day + 86_399));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/gpx+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".gpx", response.Content.Headers.ContentDisposition!.FileName);
        var gpx = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.topografix.com/GPX/1/1"; // the GPX 1.1 schema's namespace, topografix.com
        Assert.Equal(ns + "gpx", gpx.Root!.Name);
        var tracks = gpx.Root.Elements(ns + "trk").ToList();
        Assert.Equal(trips.Count, tracks.Count);
        foreach (var (track, h) in tracks.Zip(new[] { 8, 9, 10 }))
        {
            var points = track.Descendants(ns + "trkpt").ToList();
            Assert.Equal(3, points.Count);
            Assert.Equal((44.6 + h / 100.0).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)points[0].Attribute("lat"));
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Day + h * 3600), DateTimeOffset.Parse((string)points[0].Element(ns + "time")!, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task ARangeOverThirtyOneDaysOrAnUnknownFormatIsRefusedNamingTheField()
    {
        var (token, vehicleId, _) = await AccountAsync();

        var tooLong = await _service.Client.PostFormAsync("export", Range(token, vehicleId, "csv", Day - 31 * 86_400, Day + 1));
        var longest = await ExportAsync(Range(token, vehicleId, "csv", Day - 31 * 86_400, Day));
        var format = await _service.Client.PostFormAsync("export", Range(token, vehicleId, "xlsx", Day, Day + 1));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal(["to"], tooLong.ErrorFields);
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
        Assert.Equal("timestamp", (await longest.Content.ReadAsStringAsync()).Split(',')[0]);
        Assert.Equal(HttpStatusCode.BadRequest, format.Status);
        Assert.Equal(["format"], format.ErrorFields);
    }

    [Fact]
    public async Task StorageFailingBeforeTheFirstByteIsAJson503AndAfterItAnAbortedDownload()
    {
        var history = new FailingHistory();
        await using var service = await RunningService.StartAsync(azurite, configure: builder =>
            builder.Services.AddSingleton<ITelemetryHistory>(s => history.Over(new TelemetryHistory(s.GetRequiredService<StorageClients>()))));
        var account = await service.CreateAccountAsync();
        var token = await service.Client.LoginAsync(account);
        var app = service.Client.ClientFor(account);
        await app.PushAsync(account.VehicleId, Enumerable.Range(0, 5).Select(k => new PushedSnapshot(Day + k, 10 + k)).ToTelemetrySnapshots(), UserAgent);
        await StoredAsync(app, account.VehicleId, Day, Day + 10, 5);
        var fields = Range(token, account.VehicleId, "csv", Day, Day + 10);

        history.FailOn(read: 1);
        var before = await service.Client.PostFormAsync("export", fields);
        history.FailOn(read: 3);
        var download = await Record.ExceptionAsync(async () =>
        {
            using var after = await service.Client.SendAsync(
                new HttpRequestMessage(HttpMethod.Post, "export") { Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2))) },
                HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            await after.Content.ReadAsStringAsync();
        });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.Status);
        Assert.Equal("STORAGE_UNAVAILABLE", before.Code);
        // Two pages went out; the download then fails rather than ending as if complete. The reset can
        // reach the client before it has read the headers (TCP drops data not yet read), so either
        // the request or the reading of the body fails on the connection; never a complete answer.
        Assert.True(download is HttpRequestException or IOException, $"The download did not fail on its connection: {download}");
    }

    /// <summary>The real history, one snapshot a page, failing with a storage outage on the chosen read from now on.</summary>
    private sealed class FailingHistory : ITelemetryHistory
    {
        private ITelemetryHistory _inner = null!;
        private int _reads;
        private int _failOn;

        public FailingHistory Over(ITelemetryHistory inner)
        {
            _inner = inner;
            return this;
        }

        public void FailOn(int read)
        {
            _reads = 0;
            _failOn = read;
        }

        public Task<JsonObject?> ReadLatestAsync(string vehicleId, CancellationToken cancellationToken = default) => _inner.ReadLatestAsync(vehicleId, cancellationToken);

        public Task<int> DeleteAllAsync(string vehicleId, CancellationToken cancellationToken = default) => _inner.DeleteAllAsync(vehicleId, cancellationToken);

        public Task<SnapshotPage> ReadAsync(string vehicleId, long from, long to, int limit, CancellationToken cancellationToken = default) =>
            ++_reads == _failOn
                ? throw new RequestFailedException(503, "Storage is down for this test.")
                : _inner.ReadAsync(vehicleId, from, to, 1, cancellationToken);
    }

    /// <summary>RFC 4180: fields split on commas outside quotes, a doubled quote inside them one quote, lines on CRLF.</summary>
    private static class Csv
    {
        public static List<string[]> Parse(string text)
        {
            var lines = new List<string[]>();
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                        field.Append(text[++i]);
                    else if (c == '"')
                        quoted = false;
                    else
                        field.Append(c);
                }
                else if (c == '"')
                    quoted = true;
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                    fields.Add(field.ToString());
                    field.Clear();
                    lines.Add([.. fields]);
                    fields.Clear();
                }
                else
                    field.Append(c);
            }
            Assert.True(field.Length == 0 && fields.Count == 0, "The CSV does not end with CRLF.");
            return lines;
        }
    }
}
