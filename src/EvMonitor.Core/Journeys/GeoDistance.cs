namespace EvMonitor.Journeys;

public static class GeoDistance
{
    /// <summary>Mean Earth radius (IUGG), m.</summary>
    private const double EarthRadius = 6_371_008.8;

    /// <summary>Great-circle distance by the haversine formula, m.</summary>
    public static double Metres(double lat1, double lng1, double lat2, double lng2)
    {
        var dLat = ToRadians(lat2 - lat1);
        var dLng = ToRadians(lng2 - lng1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(ToRadians(lat1)) * Math.Cos(ToRadians(lat2)) * Math.Sin(dLng / 2) * Math.Sin(dLng / 2);
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
