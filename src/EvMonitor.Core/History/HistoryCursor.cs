using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace EvMonitor.History;

/// <summary>
/// Where the next page of <c>get_history</c> starts. Apps treat it as an opaque string; inside it
/// is the vehicle and the time of the first snapshot not yet returned, so a page boundary always
/// falls between two snapshots and the next page is one key-range query from there.
/// </summary>
public static class HistoryCursor
{
    private const string Version = "h1";

    /// <summary>Far longer than any cursor issued; longer strings are refused before decoding.</summary>
    private const int MaxLength = 4096;

    public static string Encode(string vehicleId, long next) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Version}:{next.ToString(CultureInfo.InvariantCulture)}:{vehicleId}"));

    /// <summary>True, with the time it points at, when <paramref name="cursor"/> came from <see cref="Encode"/> for this vehicle.</summary>
    public static bool TryDecode(string cursor, string vehicleId, out long next)
    {
        next = 0;
        if (cursor.Length > MaxLength || !Base64Url.IsValid(cursor))
            return false;
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }
        var parts = text.Split(':', 3);
        return parts.Length == 3
            && parts[0] == Version
            && parts[2] == vehicleId
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out next);
    }
}
