namespace EvMonitor.Storage;

/// <summary>
/// Which strings can be a PartitionKey or RowKey. An id sent by an app that cannot be a key (one
/// with '/', say) names nothing we store: a lookup answers "not found" without asking storage,
/// which would refuse the request and make it look like an outage.
/// </summary>
public static class TableKeys
{
    /// <summary>Keys may be 1 KiB; no id this service issues comes near it.</summary>
    public const int MaxLength = 512;

    public static bool CanBeKey(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxLength
        && value.AsSpan().IndexOfAny("/\\#?") < 0
        && !value.Any(char.IsControl);
}
