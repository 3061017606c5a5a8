using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.History;
using EvMonitor.Vehicles;

namespace EvMonitor.Journeys;

/// <summary>
/// <c>get_trips</c> and <c>get_charges</c>: the runs of one kind of one of the caller's vehicles that
/// overlap a time range, in time order, a page at a time; <c>next_cursor</c> fetches the next page
/// and is null on the last. A page is one range query of the derived rows.
/// </summary>
public abstract class JourneyPageEndpoint(IJourneyStore journeys, VehicleAccess vehicleAccess, Authenticator authenticator) : IApiEndpoint
{
    protected abstract string Name { get; }
    protected abstract string Prefix { get; }

    /// <param name="nextCursor">Null on the last page.</param>
    protected abstract OkAnswer Page(string vehicleId, IEnumerable<JourneySummary> runs, string? nextCursor);

    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var (fields, userId, failure) = await authenticator.ReadAuthenticatedAsync(request, cancellationToken);
        if (failure is not null)
            return failure;
        var (query, errors) = JourneyQuery.Read(fields!, Name);
        if (query is null)
            return ApiResult.Invalid(errors);
        if (Refusals.Vehicle(await vehicleAccess.CheckAsync(userId!, query.VehicleId, cancellationToken), query.VehicleId) is { } denied)
            return denied;

        var runs = await journeys.ReadRunsAsync(query.VehicleId, Prefix, query.Start, query.To, query.Limit + 1, cancellationToken);
        return ApiResult.Ok(Page(query.VehicleId, runs.Take(query.Limit).Select(r => r.Summary),
            runs.Count > query.Limit ? HistoryCursor.Encode(query.VehicleId, runs[^1].Summary.End) : null));
    }
}
