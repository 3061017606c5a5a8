using System.Text.Json.Serialization;

namespace EvMonitor.Monitoring;

/// <summary>
/// The health report, OK or, when storage does not answer, the error form followed by the same
/// report: a probe reads the status, an operator the figures.
/// </summary>
/// <param name="Tables"><c>reachable</c> or <c>unreachable</c>.</param>
/// <param name="CheckedAt">Unix seconds.</param>
public sealed record HealthAnswer(
    string Success,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code,
    string Version,
    long CheckedAt,
    string Tables,
    string Queues,
    long? TelemetryQueueDepth,
    long? PoisonQueueDepth) : Api.Answer(Success);
