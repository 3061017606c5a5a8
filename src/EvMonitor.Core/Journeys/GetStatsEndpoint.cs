using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.History;
using EvMonitor.Storage;
using EvMonitor.Vehicles;

namespace EvMonitor.Journeys;

/// <summary>
/// <c>POST /api/get_stats</c>: per day or month (in the vehicle's time zone) from <c>from</c> to
/// <c>to</c>, the trips and charging sessions that started in it, summed. Every period of the range
/// is listed, those without any too. Added up from the derived runs, never from the snapshots.
/// </summary>
public sealed class GetStatsEndpoint(IJourneyStore journeys, IVehicleStore vehicles, VehicleAccess vehicleAccess, Authenticator authenticator) : IApiEndpoint
{
    public const int MaxDays = 93;
    public const int MaxMonths = 24;

    /// <summary>Far more trips (or sessions) than a vehicle makes in <see cref="MaxMonths"/>; a range with more is refused.</summary>
    public const int MaxRuns = 10_000;

    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        long? from = null, to = null;
        string? period = null;
        var (owned, failure) = await vehicleAccess.ReadAsync(request, authenticator, (fields, errors) =>
        {
            (from, to) = HistoryQuery.ReadRange(fields, errors);
            period = fields["period"]?.Trim();
            if (period is not (JourneyPeriods.Day or JourneyPeriods.Month))
                errors.Add(new FieldError("period", "must be day or month"));
            else if (from is not null && to is not null && (period == JourneyPeriods.Day ? to - from > MaxDays * 86_400L : to - from > MaxMonths * 31 * 86_400L))
                errors.Add(new FieldError("to", period == JourneyPeriods.Day ? $"must be at most {MaxDays} days after from" : $"must be at most {MaxMonths} months after from"));
        }, cancellationToken);
        if (failure is not null)
            return failure;

        var vehicle = (await vehicles.ListAsync(owned!.UserId, cancellationToken)).FirstOrDefault(v => v.Id == owned.VehicleId);
        if (vehicle is null)
            return Refusals.VehicleNotFound(owned.VehicleId);
        var (starts, end) = JourneyPeriods.Cover(from!.Value, to!.Value, period!, VehicleTimeZone.Find(vehicle.TimeZone));

        var trips = await journeys.ReadRunsAsync(owned.VehicleId, JourneyRows.TripPrefix, starts[0], end - 1, MaxRuns + 1, cancellationToken);
        var charges = await journeys.ReadRunsAsync(owned.VehicleId, JourneyRows.ChargePrefix, starts[0], end - 1, MaxRuns + 1, cancellationToken);
        if (trips.Count > MaxRuns || charges.Count > MaxRuns)
            return ApiResult.Invalid("to", $"the range holds more than {MaxRuns} trips or charging sessions; ask for a shorter one");

        var periods = new List<StatsPeriod>(starts.Count);
        for (var i = 0; i < starts.Count; i++)
        {
            var (start, next) = (starts[i], i + 1 < starts.Count ? starts[i + 1] : end);
            periods.Add(Period(start,
                [.. trips.Select(r => r.Summary).Where(r => r.Start >= start && r.Start < next)],
                [.. charges.Select(r => r.Summary).Where(r => r.Start >= start && r.Start < next)]));
        }
        return ApiResult.Ok(new StatsAnswer(owned.VehicleId, period!, vehicle.TimeZone, periods));
    }

    /// <summary>
    /// Sums over the runs that give each figure. Energy and efficiency are taken over the trips that
    /// give both, so a trip without power readings does not make the period look more efficient.
    /// </summary>
    private static StatsPeriod Period(long start, List<JourneySummary> trips, List<JourneySummary> charges)
    {
        double distance = 0, energy = 0, measuredDistance = 0;
        long driving = 0;
        var energyKnown = false;
        foreach (var trip in trips)
        {
            var km = JourneyFigures.DistanceKm(trip);
            distance += km ?? 0;
            driving += trip.End - trip.Start;
            if (JourneyFigures.TripEnergyKwh(trip) is { } kwh)
            {
                energy += kwh;
                energyKnown = true;
                measuredDistance += km ?? 0;
            }
        }
        return new StatsPeriod(
            Start: start,
            DistanceKm: JourneyFigures.Round(distance, 3),
            DrivingS: driving,
            EnergyKwh: trips.Count == 0 ? 0 : energyKnown ? JourneyFigures.Round(energy, 3) : null,
            WhPerKm: JourneyFigures.Round(JourneyFigures.WhPerKm(energyKnown ? energy : null, measuredDistance), 1),
            ChargedAcKwh: Charged(charges, JourneyKind.ChargeAc),
            ChargedDcKwh: Charged(charges, JourneyKind.ChargeDc),
            Trips: trips.Count,
            Charges: charges.Count);
    }

    private static double? Charged(List<JourneySummary> charges, JourneyKind kind)
    {
        var ofKind = charges.Where(c => c.Kind == kind).ToList();
        var known = ofKind.Select(JourneyFigures.ChargeEnergyKwh).OfType<double>().ToList();
        return ofKind.Count == 0 ? 0 : known.Count == 0 ? null : JourneyFigures.Round(known.Sum(), 3);
    }
}
