namespace EvMonitor.Client;

/// <summary>The file <c>export</c> writes.</summary>
public enum ExportFormat
{
    /// <summary>RFC 4180 CSV: a line per snapshot, then one per motor and battery.</summary>
    Csv,

    /// <summary>GPX 1.1: a track per trip.</summary>
    Gpx,
}
