namespace EvMonitor.Api;

public static class ApiLimits
{
    /// <summary>1 MiB: larger bodies answer 413 before anything is parsed.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// The Functions host's own limit, in bytes (app setting <c>FUNCTIONS_REQUEST_BODY_SIZE_LIMIT</c>;
    /// its default is 100 MB): a body over it is cut off by the host before it is read in full, and
    /// answered with the host's own empty 500. 64 KiB over <see cref="MaxBodyBytes"/>, so that a body
    /// just over the contract still reaches the app and gets its JSON 413: measured under the host, a
    /// chunked body is refused a little short of the host's limit (1,048,500 bytes with it at 1 MiB + 1).
    /// </summary>
    public const int HostMaxBodyBytes = MaxBodyBytes + 64 * 1024;

    public const int MaxSnapshotsPerPush = 1000;

    /// <summary>Motor and battery indexes are 0–255, as in the original API.</summary>
    public const int MaxComponentIndex = 255;

    public const int MaxUserAgentLength = 256;

    /// <summary>Request fields are short; a longer value is refused rather than stored or hashed.</summary>
    public const int MaxFieldLength = 1024;
}
