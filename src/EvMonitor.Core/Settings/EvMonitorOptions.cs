using System.Text.RegularExpressions;
using EvMonitor.Auth;
using EvMonitor.Storage;

namespace EvMonitor.Settings;

/// <summary>The app's own top-level settings, under <c>EvMonitor</c> (app setting <c>EvMonitor__PasswordIterations</c>, …).</summary>
public sealed partial record EvMonitorOptions : ISettings
{
    public static string Section => "EvMonitor";

    /// <summary>PBKDF2-HMAC-SHA256 work factor for new password hashes (each hash records its own).</summary>
    public int PasswordIterations { get; init; } = PasswordHasher.DefaultIterations;

    /// <summary>Prefix for every table name; tests use it to isolate runs.</summary>
    public string StoragePrefix { get; init; } = "";

    /// <summary>
    /// The queue <c>push</c> writes to and the normalizer is triggered from (its trigger reads the
    /// same setting as <c>%EvMonitor:TelemetryQueue%</c>); null when unset, and then nothing can be
    /// pushed (<see cref="StorageNames.TelemetryQueue"/> says which setting to set).
    /// </summary>
    public string? TelemetryQueue { get; init; }

    /// <summary>How many telemetry queues pushes are spread over by vehicle (<see cref="TelemetryShards"/>).</summary>
    public int TelemetryQueueShards { get; init; } = 1;

    /// <summary>
    /// How many storage accounts hold the telemetry queues and tables (shard k in account k mod this,
    /// see <see cref="TelemetryShards"/>); fixed when the service is deployed.
    /// </summary>
    public int TelemetryStorageAccounts { get; init; } = 1;

    /// <summary>
    /// How long an instance keeps a token it read for <c>push</c> (never past the token's own expiry);
    /// 0 reads it on every push (<see cref="Authenticator.AuthenticateRememberedAsync"/>).
    /// </summary>
    public int PushTokenMemorySeconds { get; init; } = 60;

    /// <summary>
    /// <c>true</c> prints the app's metrics on the console (every <c>OTEL_METRIC_EXPORT_INTERVAL</c>
    /// milliseconds, 60 s by default). For local runs only: under the Functions host the console
    /// becomes log records, which would duplicate every metric in Application Insights.
    /// </summary>
    public bool ConsoleMetrics { get; init; }

    /// <summary>Table names are 3 to 63 letters and digits, starting with a letter; the longest we add is 13.</summary>
    private const int MaxPrefixLength = 63 - 13;

    /// <summary>Queue names are 3 to 63 lower-case letters, digits and single hyphens; the poison queue adds "-poison".</summary>
    private const int MaxQueueLength = 63 - 7;

    public IEnumerable<string> Problems()
    {
        foreach (var problem in SettingRules.AtLeast(Section, nameof(PasswordIterations), PasswordIterations, 1))
            yield return problem;
        if (TelemetryQueueShards is < 1 or > TelemetryShards.MaxCount)
            yield return $"{SettingRules.Name(Section, nameof(TelemetryQueueShards))} is {TelemetryQueueShards}; it must be 1 to {TelemetryShards.MaxCount}.";
        else if (TelemetryShards.AccountsProblem(TelemetryQueueShards, TelemetryStorageAccounts) is { } accountsProblem)
            yield return accountsProblem;
        foreach (var problem in SettingRules.AtLeast(Section, nameof(PushTokenMemorySeconds), PushTokenMemorySeconds, 0))
            yield return problem;
        if (StoragePrefix.Length > MaxPrefixLength || !TablePrefix().IsMatch(StoragePrefix))
            yield return $"{SettingRules.Name(Section, nameof(StoragePrefix))} is '{StoragePrefix}'; it must be letters and digits, starting with a letter, at most {MaxPrefixLength}.";
        if (TelemetryQueue is { Length: > 0 } queue && (queue.Length is < 3 or > MaxQueueLength || !QueueName().IsMatch(queue)))
            yield return $"{SettingRules.Name(Section, nameof(TelemetryQueue))} is '{queue}'; it must be 3 to {MaxQueueLength} lower-case letters, digits and single hyphens, starting and ending with a letter or digit.";
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9]*)?$")]
    private static partial Regex TablePrefix();

    [GeneratedRegex("^[a-z0-9](-?[a-z0-9])*$")]
    private static partial Regex QueueName();
}
