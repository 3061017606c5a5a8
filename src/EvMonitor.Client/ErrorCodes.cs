namespace EvMonitor.Client;

/// <summary>The <c>code</c> values the service answers with (docs/api.md), for comparing with <see cref="EvMonitorApiException.Code"/>.</summary>
public static class ErrorCodes
{
#pragma warning disable CS1591 // Each code is documented in the API reference.
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string MalformedBody = "MALFORMED_BODY";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string TokenRequired = "TOKEN_REQUIRED";
    public const string TokenInvalid = "TOKEN_INVALID";
    public const string TokenExpired = "TOKEN_EXPIRED";
    public const string VehicleForbidden = "VEHICLE_FORBIDDEN";
    public const string VehicleNotFound = "VEHICLE_NOT_FOUND";
    public const string MakeNotFound = "MAKE_NOT_FOUND";
    public const string ModelNotFound = "MODEL_NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string EmailTaken = "EMAIL_TAKEN";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string TooManyAttempts = "TOO_MANY_ATTEMPTS";
    public const string InternalError = "INTERNAL_ERROR";
    public const string StorageUnavailable = "STORAGE_UNAVAILABLE";
#pragma warning restore CS1591

    /// <summary>
    /// Not sent by the service: the client's code for an answer that is not an EV-Monitor error body
    /// (a proxy's HTML page, say).
    /// </summary>
    public const string UnexpectedAnswer = "UNEXPECTED_ANSWER";
}
