using EvMonitor.Api;
using EvMonitor.History;

namespace EvMonitor.Export;

public enum ExportFormat { Csv, Gpx }

/// <summary>The vehicle, range and format of <c>export</c>, read and checked from the request's fields.</summary>
public sealed record ExportQuery(string VehicleId, long From, long To, ExportFormat Format)
{
    /// <summary>
    /// The longest range one export covers. Snapshots are at most one a second, so an export holds at
    /// most 31 × 86,400 = 2,678,400 of them, however it is asked for; longer spans are exported a month at a time.
    /// </summary>
    public const int MaxRangeDays = 31;

    public static (ExportQuery? Query, List<FieldError> Errors) Read(FieldBag fields)
    {
        var errors = new List<FieldError>();
        var vehicleId = RequestFields.Required(fields, "vehicle_id", errors);
        var (from, to) = HistoryQuery.ReadRange(fields, errors);
        if (from is not null && to is not null && to - from > MaxRangeDays * 86_400L)
            errors.Add(new FieldError("to", $"must be at most {MaxRangeDays} days after from"));
        var format = RequestFields.Required(fields, "format", errors) switch
        {
            null => (ExportFormat?)null,
            "csv" => ExportFormat.Csv,
            "gpx" => ExportFormat.Gpx,
            _ => Invalid(errors),
        };
        return errors.Count > 0
            ? (null, errors)
            : (new ExportQuery(vehicleId!, from!.Value, to!.Value, format!.Value), errors);
    }

    private static ExportFormat? Invalid(List<FieldError> errors)
    {
        errors.Add(new FieldError("format", "must be csv or gpx"));
        return null;
    }
}
