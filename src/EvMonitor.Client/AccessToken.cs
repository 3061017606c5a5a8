namespace EvMonitor.Client;

/// <summary>A token from <c>login</c>.</summary>
/// <param name="Token">The opaque token.</param>
/// <param name="Expires">When it stops being accepted, by the service's clock.</param>
public sealed record AccessToken(string Token, DateTimeOffset Expires);
