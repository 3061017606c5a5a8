using System.Globalization;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Journeys;
using EvMonitor.Telemetry;
using EvMonitor.Vehicles;

namespace EvMonitor.Export;

/// <summary>
/// <c>POST /api/export</c>: one of the caller's vehicles' snapshots in a time range as a CSV file, or
/// its trips in that range as a GPX file, streamed a page at a time so that memory stays flat
/// whatever the range holds.
/// </summary>
public sealed class ExportEndpoint(ITelemetryHistory history, IJourneyStore journeys, VehicleAccess vehicleAccess, Authenticator authenticator) : IApiEndpoint
{
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, userId, failure) = await authenticator.ReadAuthenticatedAsync(request, cancellationToken);
        if (failure is not null)
            return failure;
        var (query, errors) = ExportQuery.Read(fields!);
        if (query is null)
            return ApiResult.Invalid(errors);
        if (Refusals.Vehicle(await vehicleAccess.CheckAsync(userId!, query.VehicleId, cancellationToken), query.VehicleId) is { } denied)
            return denied;

        var name = $"ev-monitor-{FileNamePart(query.VehicleId)}-{Stamp(query.From)}-{Stamp(query.To)}";
        return ApiResult.Ok(query.Format == ExportFormat.Csv
            ? new FileAnswer("text/csv; charset=utf-8", name + ".csv", (output, token) => SnapshotCsv.WriteAsync(history, query, output, token))
            : new FileAnswer("application/gpx+xml", name + ".gpx", (output, token) => TripGpx.WriteAsync(history, journeys, query, output, token)));
    }

    /// <summary>Only letters, digits, <c>-</c> and <c>_</c> of the id (service-made ids have no others), so the name needs no quoting rules.</summary>
    private static string FileNamePart(string vehicleId) =>
        string.Concat(vehicleId.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));

    private static string Stamp(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}
