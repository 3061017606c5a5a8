namespace EvMonitor.Api;

/// <summary>
/// <c>GET /api/openapi.json</c>: the OpenAPI 3.1 document of the API (docs/openapi.json, embedded at
/// build time), for app developers and their tools. Anyone may read it; it tells nothing of users.
/// </summary>
public static class OpenApiDocument
{
    public const string FunctionName = "openapi";
    public const string Route = "openapi.json";
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The document as checked in, UTF-8.</summary>
    public static byte[] Utf8 { get; } = Load();

    /// <summary>The answer to a method other than GET, or null for GET.</summary>
    public static ApiResult? Refusal(string method) =>
        string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase)
            ? null
            : ApiResult.Error(405, ErrorCodes.MethodNotAllowed, $"Method {method} is not allowed; the OpenAPI document takes GET.") with { Allow = "GET" };

    private static byte[] Load()
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("EvMonitor.openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI document is not embedded in the assembly.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
