using System.Net;

namespace EvMonitor.Client;

/// <summary>The service answered with an error: its status, machine-readable code, sentence and invalid fields.</summary>
public class EvMonitorApiException : Exception
{
    /// <summary>Makes the exception for one error answer.</summary>
    public EvMonitorApiException(HttpStatusCode status, string code, string message, IReadOnlyList<FieldError>? fieldErrors = null, TimeSpan? retryAfter = null)
        : base(message)
    {
        Status = status;
        Code = code;
        FieldErrors = fieldErrors ?? [];
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status, e.g. 400, 401, 404, 429, 503.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The answer's <c>code</c>, one of <see cref="ErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>For <c>VALIDATION_FAILED</c>: every invalid field; otherwise empty.</summary>
    public IReadOnlyList<FieldError> FieldErrors { get; }

    /// <summary>When the service said when to try again (<c>Retry-After</c>): how long to wait.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True for answers that may succeed when sent again later unchanged (429 and 503).</summary>
    public bool IsRetryable => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
}
