namespace EvMonitor.Client;

/// <summary>
/// A push the service refused for its content (<c>400</c> or <c>413</c>): none of its snapshots
/// was stored, and sending it again would be refused again. The snapshots are handed back here,
/// in the order sent, so that <c>data[i]</c> in <see cref="EvMonitorApiException.FieldErrors"/>
/// is <c>Snapshots[i]</c>.
/// </summary>
public sealed class PushRejectedException(EvMonitorApiException refusal, IReadOnlyList<TelemetrySnapshot> snapshots)
    : EvMonitorApiException(refusal.Status, refusal.Code, refusal.Message, refusal.FieldErrors, refusal.RetryAfter)
{
    /// <summary>The snapshots of the refused push, none of them stored.</summary>
    public IReadOnlyList<TelemetrySnapshot> Snapshots { get; } = snapshots;
}
