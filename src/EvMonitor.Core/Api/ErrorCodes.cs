namespace EvMonitor.Api;

/// <summary>The machine-readable <c>code</c> of every error body, with the HTTP status it always travels with.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "VALIDATION_FAILED";        // 400
    public const string MalformedBody = "MALFORMED_BODY";              // 400
    public const string InvalidCredentials = "INVALID_CREDENTIALS";    // 401
    public const string TokenRequired = "TOKEN_REQUIRED";              // 401
    public const string TokenInvalid = "TOKEN_INVALID";                // 401
    public const string TokenExpired = "TOKEN_EXPIRED";                // 401
    public const string VehicleForbidden = "VEHICLE_FORBIDDEN";        // 403
    public const string VehicleNotFound = "VEHICLE_NOT_FOUND";         // 404
    public const string MakeNotFound = "MAKE_NOT_FOUND";               // 404
    public const string ModelNotFound = "MODEL_NOT_FOUND";             // 404
    public const string NotFound = "NOT_FOUND";                        // 404
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";       // 405
    public const string Conflict = "CONFLICT";                         // 409
    public const string EmailTaken = "EMAIL_TAKEN";                    // 409
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";         // 413
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"; // 415
    public const string TooManyAttempts = "TOO_MANY_ATTEMPTS";         // 429
    public const string InternalError = "INTERNAL_ERROR";              // 500
    public const string StorageUnavailable = "STORAGE_UNAVAILABLE";    // 503
}
