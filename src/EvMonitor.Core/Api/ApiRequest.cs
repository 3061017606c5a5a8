namespace EvMonitor.Api;

/// <summary>An API call as the endpoints see it: what the transport delivered, nothing of HTTP beyond that.</summary>
/// <param name="Method">The HTTP method; every endpoint takes POST only.</param>
/// <param name="ContentType">The Content-Type header, or null when the client sent none.</param>
/// <param name="Body">The raw body, already checked against <see cref="ApiLimits.MaxBodyBytes"/>.</param>
/// <param name="BearerToken">The token from an <c>Authorization: Bearer</c> header, if any.</param>
/// <param name="ClientAddress">The caller's network address, for login throttling; null when unknown.</param>
public sealed record ApiRequest(
    string Method,
    string? ContentType,
    ReadOnlyMemory<byte> Body,
    string? BearerToken = null,
    string? ClientAddress = null);
