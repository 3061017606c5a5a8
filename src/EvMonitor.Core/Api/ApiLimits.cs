namespace EvMonitor.Api;

public static class ApiLimits
{
    /// <summary>1 MiB: larger bodies answer 413 before anything is parsed.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public const int MaxSnapshotsPerPush = 1000;

    /// <summary>Motor and battery indexes are 0–255, as in the original API.</summary>
    public const int MaxComponentIndex = 255;

    public const int MaxUserAgentLength = 256;

    /// <summary>Request fields are short; a longer value is refused rather than stored or hashed.</summary>
    public const int MaxFieldLength = 1024;
}
