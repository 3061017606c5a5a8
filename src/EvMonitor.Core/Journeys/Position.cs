namespace EvMonitor.Journeys;

public sealed record Position(double? Lat, double? Lng)
{
    public static Position? Of(JourneyPoint? fix) => fix is null ? null : new Position(fix.Lat, fix.Lng);
}
