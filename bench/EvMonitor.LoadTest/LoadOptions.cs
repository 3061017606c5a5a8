using System.Globalization;

namespace EvMonitor.LoadTest;

public enum Fault { None, StorageRestart, KillWorker }

/// <summary>The command line: <c>--clients 16 --seconds 20 --batch 10 --port 7500 --blob-port 10500 --fault none</c>.</summary>
public sealed record LoadOptions
{
    public int Clients { get; init; } = 16;
    public int Seconds { get; init; } = 20;
    public int Batch { get; init; } = 10;
    /// <summary>The API listens here; a separate worker (kill-worker) on the next port.</summary>
    public int Port { get; init; } = 7500;
    public int BlobPort { get; init; } = 10500;
    public Fault Fault { get; init; } = Fault.None;
    /// <summary>How long storage stays down in the storage-restart run.</summary>
    public int OutageSeconds { get; init; } = 6;
    /// <summary>How long the normalizer may take to catch up once the load stops.</summary>
    public int DrainTimeoutSeconds { get; init; } = 180;
    /// <summary>Only the service phase: for looking into the service alone; no ratios are reported.</summary>
    public bool SkipBaselines { get; init; }
    /// <summary>How often each app pushes in the paced phases, where latency is compared.</summary>
    public int PaceMilliseconds { get; init; } = 250;
    /// <summary>Queue and table as two emulator processes (the default), or all in one as scripts/azurite.sh starts it.</summary>
    public bool SplitEmulator { get; init; } = true;
    /// <summary>
    /// Every phase first runs its load this long without measuring it (the service phases then wait
    /// until the queue is empty): what is measured is code already compiled, with its caches filled.
    /// </summary>
    public int WarmUpSeconds { get; init; } = 5;
    /// <summary>
    /// The API and the queue worker as two processes (the default), as Flex Consumption runs HTTP and
    /// queue-triggered functions on separate instances; or both in one process, as scripts/start-local.sh runs them.
    /// </summary>
    public bool SplitService { get; init; } = true;
    /// <summary>
    /// The table emulator alone on the first core in every phase (the default, with queue and table as
    /// separate processes), everything else on the other cores: in Azure the table service has servers
    /// of its own, and the storage ceiling is measured with the emulator undisturbed. Or every process
    /// on every core.
    /// </summary>
    public bool TableOwnsCore { get; init; } = true;
    /// <summary>Diagnosis, with --skip-baselines: push at the pace of the paced phase rather than back to back.</summary>
    public bool Paced { get; init; }
    /// <summary>Diagnosis, with --skip-baselines: run the API without the queue worker (nothing is stored, so nothing is checked).</summary>
    public bool ApiOnly { get; init; }
    /// <summary>App settings given to every service process (<c>--service-setting EvMonitor:PushTokenMemorySeconds=0</c>), to compare one setting's cost.</summary>
    public IReadOnlyDictionary<string, string> ServiceSettings { get; init; } = new Dictionary<string, string>();

    public const string Usage =
        "usage: EvMonitor.LoadTest [--clients N] [--seconds T] [--batch S] [--port 7500] [--blob-port 10500]\n" +
        "                          [--fault none|storage-restart|kill-worker] [--outage-seconds 6] [--drain-timeout 180] [--pace-ms 250]\n" +
        "                          [--azurite split|combined] [--service split|one] [--cpu dedicated|shared] [--warm-up 5] [--skip-baselines [--paced] [--api-only]]\n" +
        "                          [--service-setting KEY=VALUE]...";

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.\n{Usage}");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"{name} must be a positive whole number.\n{Usage}");
            options = name switch
            {
                "--clients" => options with { Clients = Number() },
                "--seconds" => options with { Seconds = Number() },
                "--batch" => options with { Batch = Math.Min(Number(), ApiLimitsSnapshots) },
                "--port" => options with { Port = Number() },
                "--blob-port" => options with { BlobPort = Number() },
                "--outage-seconds" => options with { OutageSeconds = Number() },
                "--drain-timeout" => options with { DrainTimeoutSeconds = Number() },
                "--skip-baselines" => options with { SkipBaselines = true },
                "--paced" => options with { Paced = true },
                "--api-only" => options with { ApiOnly = true },
                "--pace-ms" => options with { PaceMilliseconds = Number() },
                "--azurite" => options with
                {
                    SplitEmulator = Value() switch
                    {
                        "split" => true,
                        "combined" => false,
                        var other => throw new ArgumentException($"--azurite is split or combined, not '{other}'.\n{Usage}"),
                    },
                },
                "--warm-up" => options with { WarmUpSeconds = Number() },
                "--service-setting" => Value().Split('=', 2) is [{ Length: > 0 } key, var value]
                    ? options with { ServiceSettings = new Dictionary<string, string>(options.ServiceSettings) { [key] = value } }
                    : throw new ArgumentException($"--service-setting is KEY=VALUE.\n{Usage}"),
                "--cpu" => options with
                {
                    TableOwnsCore = Value() switch
                    {
                        "dedicated" => true,
                        "shared" => false,
                        var other => throw new ArgumentException($"--cpu is dedicated or shared, not '{other}'.\n{Usage}"),
                    },
                },
                "--service" => options with
                {
                    SplitService = Value() switch
                    {
                        "split" => true,
                        "one" => false,
                        var other => throw new ArgumentException($"--service is split or one, not '{other}'.\n{Usage}"),
                    },
                },
                "--fault" => options with
                {
                    Fault = Value() switch
                    {
                        "none" => Fault.None,
                        "storage-restart" => Fault.StorageRestart,
                        "kill-worker" => Fault.KillWorker,
                        var other => throw new ArgumentException($"Unknown fault '{other}'.\n{Usage}"),
                    },
                },
                "--help" or "-h" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"Unknown option '{name}'.\n{Usage}"),
            };
        }
        return options;
    }

    private const int ApiLimitsSnapshots = Api.ApiLimits.MaxSnapshotsPerPush;
}
