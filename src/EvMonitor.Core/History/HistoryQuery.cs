using System.Globalization;
using EvMonitor.Api;

namespace EvMonitor.History;

/// <summary>The range and page of <c>get_history</c>, read and checked from the request's fields.</summary>
/// <param name="Start">Where this page starts: <see cref="From"/>, or the cursor's time.</param>
public sealed record HistoryQuery(string VehicleId, long From, long To, long Start, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>9999-12-31T23:59:59Z: the last second an ISO-8601 date can name, and within the 12-digit time keys.</summary>
    public static readonly long LatestTime = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>The query, or every problem found with the fields, each naming its field.</summary>
    public static (HistoryQuery? Query, List<FieldError> Errors) Read(FieldBag fields)
    {
        var errors = new List<FieldError>();
        var vehicleId = RequestFields.Required(fields, "vehicle_id", errors);
        var (from, to) = ReadRange(fields, errors);
        var limit = ReadLimit(fields, DefaultLimit, MaxLimit, errors);

        var start = from;
        if (fields["cursor"] is { Length: > 0 } cursor && vehicleId is not null)
        {
            if (!HistoryCursor.TryDecode(cursor, vehicleId, out var next))
                errors.Add(new FieldError("cursor", "is not a next_cursor that get_history gave for this vehicle"));
            else if (from is not null && to is not null && (next < from || next > to))
                errors.Add(new FieldError("cursor", "does not belong to this from/to range; send the same from and to as for the first page"));
            else
                start = next;
        }

        return errors.Count > 0
            ? (null, errors)
            : (new HistoryQuery(vehicleId!, from!.Value, to!.Value, start!.Value, limit), errors);
    }

    /// <summary><c>from</c> and <c>to</c>, both required, <c>to</c> not before <c>from</c>.</summary>
    internal static (long? From, long? To) ReadRange(FieldBag fields, List<FieldError> errors)
    {
        var from = ReadTime(fields, "from", errors);
        var to = ReadTime(fields, "to", errors);
        if (from is not null && to is not null && from > to)
        {
            errors.Add(new FieldError("to", "must not be before from"));
            to = null;
        }
        return (from, to);
    }

    /// <summary><c>limit</c>, optional: a whole number from 1 to <paramref name="max"/>.</summary>
    internal static int ReadLimit(FieldBag fields, int defaultLimit, int max, List<FieldError> errors)
    {
        if (fields["limit"] is not { Length: > 0 } raw)
            return defaultLimit;
        if (int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 && limit <= max)
            return limit;
        errors.Add(new FieldError("limit", $"must be a whole number from 1 to {max}"));
        return defaultLimit;
    }

    private static long? ReadTime(FieldBag fields, string name, List<FieldError> errors)
    {
        var value = fields[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(name, "is required"));
            return null;
        }
        if (value.Length > 64 || !UnixTime.TryParse(value, out var seconds))
        {
            errors.Add(new FieldError(name, UnixTime.FormatError));
            return null;
        }
        if (seconds < 0 || seconds > LatestTime)
        {
            errors.Add(new FieldError(name, "must be from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z"));
            return null;
        }
        return seconds;
    }
}
