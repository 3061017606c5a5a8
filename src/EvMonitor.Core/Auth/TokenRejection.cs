namespace EvMonitor.Auth;

/// <summary>Why a presented token does not authenticate.</summary>
public enum TokenRejection
{
    /// <summary>Neither the body nor the bearer header carries one.</summary>
    Missing,

    /// <summary>Malformed, unknown, or revoked: nothing tells these apart.</summary>
    Invalid,

    Expired,
}
