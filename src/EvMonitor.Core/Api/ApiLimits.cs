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

    /// <summary>
    /// A field name (as a form spells it, <c>data[0][general][speed]</c>, whichever the encoding)
    /// longer than this answers 400 MALFORMED_BODY; no field the API knows comes near it.
    /// </summary>
    public const int MaxFieldNameLength = 1024;

    /// <summary>
    /// JSON names one key once for all the values below it, while each value is read under its whole
    /// form key: those keys may add up to at most this many characters per byte of body (a valid
    /// push needs about 4), so a body's cost stays in proportion to its size.
    /// </summary>
    public const int MaxFieldNameCharsPerBodyByte = 16;

    /// <summary>
    /// Top-level fields of a body other than a push's (whose nested fields are read as they come):
    /// no endpoint takes more than a few, and each is kept until the body is read.
    /// </summary>
    public const int MaxTopLevelFields = 64;

    /// <summary>An error answer lists at most this many field errors; <c>more_errors</c> counts the rest.</summary>
    public const int MaxListedErrors = 100;

    /// <summary>The most an error answer may take, whatever the request: names are shortened and the list cut to fit.</summary>
    public const int MaxErrorAnswerBytes = 16 * 1024;
}
