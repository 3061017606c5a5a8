using EvMonitor.Api;
using EvMonitor.History;

namespace EvMonitor.Journeys;

/// <summary>The range and page of <c>get_trips</c> and <c>get_charges</c>, read and checked from the request's fields.</summary>
/// <param name="Start">Where this page starts: <see cref="From"/>, or the cursor's time (the end of the first run not yet returned).</param>
public sealed record JourneyQuery(string VehicleId, long From, long To, long Start, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static (JourneyQuery? Query, List<FieldError> Errors) Read(FieldBag fields, string endpoint)
    {
        var errors = new List<FieldError>();
        var vehicleId = RequestFields.Required(fields, "vehicle_id", errors);
        var (from, to) = HistoryQuery.ReadRange(fields, errors);
        var limit = HistoryQuery.ReadLimit(fields, DefaultLimit, MaxLimit, errors);

        var start = from;
        if (fields["cursor"] is { Length: > 0 } cursor && vehicleId is not null)
        {
            // A run that starts in the range may end after it, so the cursor can lie past `to`.
            if (!HistoryCursor.TryDecode(cursor, vehicleId, out var next))
                errors.Add(new FieldError("cursor", $"is not a next_cursor that {endpoint} gave for this vehicle"));
            else if (from is not null && next < from)
                errors.Add(new FieldError("cursor", "does not belong to this from/to range; send the same from and to as for the first page"));
            else
                start = next;
        }
        return errors.Count > 0
            ? (null, errors)
            : (new JourneyQuery(vehicleId!, from!.Value, to!.Value, start!.Value, limit), errors);
    }
}
