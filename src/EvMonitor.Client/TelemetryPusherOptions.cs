namespace EvMonitor.Client;

/// <summary>How a <see cref="TelemetryPusher"/> gathers snapshots into pushes.</summary>
public sealed class TelemetryPusherOptions
{
    /// <summary>The app's name, stored with every snapshot (<c>user-agent</c>, at most 256 characters).</summary>
    public string? UserAgent { get; set; }

    /// <summary>Snapshots per push, 1–1000 (the service's limit). A push is also kept under 1 MiB, whatever this says.</summary>
    public int MaxBatchSize { get; set; } = 1000;

    /// <summary>
    /// How long a snapshot may wait for its batch to fill: the first <see cref="TelemetryPusher.AddAsync"/>
    /// after this sends what is pending. After a failed push, also how long automatic sends pause.
    /// </summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many snapshots may wait while the service cannot be reached. Past this,
    /// <see cref="TelemetryPusher.AddAsync"/> refuses new ones rather than drop any.
    /// </summary>
    public int MaxPending { get; set; } = 100_000;
}
