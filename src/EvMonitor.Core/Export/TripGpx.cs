using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using EvMonitor.Api;
using EvMonitor.Journeys;
using EvMonitor.Telemetry;

namespace EvMonitor.Export;

/// <summary>
/// The GPX 1.1 form of <c>export</c> (https://www.topografix.com/GPX/1/1/): one track (<c>trk</c>)
/// for each trip that overlaps the range, with a point for each of its snapshots in the range that has
/// a GPS fix (latitude, longitude, altitude as <c>ele</c>, the measured time). A trip without any fix
/// is an empty track, so tracks and trips stay one to one. Trips are read a page at a time from the
/// derived rows, and each trip's snapshots a page at a time from the history.
/// </summary>
public static class TripGpx
{
    public const string Namespace = "http://www.topografix.com/GPX/1/1";

    private const int TripsPerPage = 100;

    public static async Task WriteAsync(ITelemetryHistory history, IJourneyStore journeys, ExportQuery query, Stream output, CancellationToken cancellationToken)
    {
        // Nothing is written (nor the writer made, whose disposal flushes) before the first page is read:
        // a storage failure then is still a JSON 503.
        var trips = await journeys.ReadRunsAsync(query.VehicleId, JourneyRows.TripPrefix, query.From, query.To, TripsPerPage, cancellationToken);
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true, CloseOutput = false };
        await using var xml = XmlWriter.Create(output, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "gpx", Namespace);
        await xml.WriteAttributeStringAsync(null, "version", null, "1.1");
        await xml.WriteAttributeStringAsync(null, "creator", null, "EV-Monitor");
        while (trips.Count > 0)
        {
            foreach (var trip in trips)
                await WriteTrackAsync(xml, history, query, trip.Summary, cancellationToken);
            if (trips.Count < TripsPerPage)
                break;
            trips = await journeys.ReadRunsAsync(query.VehicleId, JourneyRows.TripPrefix, trips[^1].Summary.End + 1, query.To, TripsPerPage, cancellationToken);
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    private static async Task WriteTrackAsync(XmlWriter xml, ITelemetryHistory history, ExportQuery query, JourneySummary trip, CancellationToken cancellationToken)
    {
        await xml.WriteStartElementAsync(null, "trk", Namespace);
        await xml.WriteElementStringAsync(null, "name", Namespace, "Trip " + UnixTime.ToIso(DateTimeOffset.FromUnixTimeSeconds(trip.Start)));
        await xml.WriteStartElementAsync(null, "trkseg", Namespace);
        long? next = Math.Max(trip.Start, query.From);
        // Each page is let go before the next is read, so that only one is ever held.
        while (next is { } from)
            next = await WritePointsAsync(xml, await history.ReadAsync(query.VehicleId, from, Math.Min(trip.End, query.To), SnapshotCsv.PageSize, cancellationToken));
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
    }

    /// <returns>Where the next page starts, or null after the last.</returns>
    private static async Task<long?> WritePointsAsync(XmlWriter xml, SnapshotPage page)
    {
        foreach (var snapshot in page.Snapshots)
        {
            if (snapshot["gps"] is JsonObject gps)
                await WritePointAsync(xml, snapshot, gps);
        }
        await xml.FlushAsync();
        return page.Next;
    }

    private static async Task WritePointAsync(XmlWriter xml, JsonObject snapshot, JsonObject gps)
    {
        await xml.WriteStartElementAsync(null, "trkpt", Namespace);
        await xml.WriteAttributeStringAsync(null, "lat", null, Number(gps["lat"]!));
        await xml.WriteAttributeStringAsync(null, "lon", null, Number(gps["lng"]!));
        if (gps["alt"] is { } alt)
            await xml.WriteElementStringAsync(null, "ele", Namespace, Number(alt));
        await xml.WriteElementStringAsync(null, "time", Namespace, (string)snapshot["measured_at"]!);
        await xml.WriteEndElementAsync();
    }

    /// <summary>As <c>get_history</c> writes it: the shortest form that reads back as the same number.</summary>
    private static string Number(JsonNode value) => value.ToJsonString();
}
