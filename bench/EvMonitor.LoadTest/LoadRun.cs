using System.Diagnostics;
using System.Runtime.InteropServices;
using Azure.Storage.Queues;
using EvMonitor.Accounts;
using EvMonitor.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EvMonitor.LoadTest;

/// <summary>
/// One load run: the baselines, then the apps against the running service, then the count of what
/// was stored against what was acknowledged; with a fault injected in the middle when asked.
/// </summary>
public static class LoadRun
{
    private const string Password = "load-test-password";

    public static async Task<int> RunAsync(LoadOptions o)
    {
        var logs = Path.Combine(LocalStack.RepositoryRoot, ".load");
        Directory.CreateDirectory(logs);
        var duration = TimeSpan.FromSeconds(o.Seconds);
        var warmUp = TimeSpan.FromSeconds(o.WarmUpSeconds);
        var pace = TimeSpan.FromMilliseconds(o.PaceMilliseconds);
        Console.WriteLine($"EV-Monitor load run, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine($"{o.Clients} apps, {o.Seconds} s of load per phase after {o.WarmUpSeconds} s of warm-up, {o.Batch} snapshots per push (2 motors, 1 battery, gps), fault: {o.Fault}, Azurite {(o.SplitEmulator ? "as separate queue and table processes" : "as one process")}, " +
                          $"service {(o.SplitService ? "as separate API and queue worker processes" : "as one process")}" +
                          string.Concat(o.ServiceSettings.Select(kv => $", {kv.Key}={kv.Value}")));
        Console.WriteLine($"Load average (1, 5, 15 min) at the start: {LoadAverage()}");

        await using var stack = new LocalStack(o.BlobPort, logs, o.SplitEmulator, o.TableOwnsCore);
        await stack.KeepOffTableCoreAsync();
        Console.WriteLine($"Cores: {stack.CoreLayout}");
        var targets = new List<(bool Pass, string Text)>();
        if (o.Fault != Fault.None || o.SkipBaselines)
        {
            var how = o.Paced ? $"one push every {pace.TotalMilliseconds:F0} ms each" : "pushing as fast as they are answered";
            await ServicePhaseAsync(stack, o, $"Service{(o.Fault == Fault.None ? "" : $" with fault {o.Fault}")}{(o.ApiOnly ? " without its queue worker" : "")}: {o.Clients} apps, {how}",
                o.Paced ? pace : null, targets);
            return Conclude(targets);
        }

        // Each phase starts on a freshly started emulator: what one phase leaves behind (a table of
        // rows, a queue's deleted messages) would otherwise slow the next one down.
        var storage = await FreshStorageAsync(stack, "bare");
        Console.WriteLine($"\nBaseline (b), bare enqueue of the same messages, {o.Clients} senders back to back ...");
        var (cpu, clock) = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Stopwatch.StartNew());
        var bare = await Baselines.BareEnqueueAsync(storage, "bare", o.Clients, o.Batch, duration, warmUp, interval: null);
        Console.WriteLine($"  {bare.Count / duration.TotalSeconds:F0} messages/s; enqueue latency: {bare.Summary()}");
        await stack.StopAzuriteAsync();
        ReportCpu(stack, cpu, clock.Elapsed);

        storage = await FreshStorageAsync(stack, "ceiling");
        Console.WriteLine($"Baseline (a), storage ceiling: the same snapshots' rows written straight to a table, {o.Clients} writers ...");
        (cpu, clock) = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Stopwatch.StartNew());
        var (ceiling, written) = await Baselines.TableCeilingAsync(storage, "ceiling", o.Clients, o.Batch, duration, warmUp);
        Console.WriteLine($"  {ceiling:F0} snapshots/s ({written} snapshots in {o.Seconds} s)");
        await stack.StopAzuriteAsync();
        ReportCpu(stack, cpu, clock.Elapsed);

        var flat = await ServicePhaseAsync(stack, o, $"Service at full load: {o.Clients} apps pushing as fast as they are answered", interval: null, targets);
        Console.WriteLine($"  (at full load push p99 / bare enqueue p99 = {flat.Latencies.Percentile(99):F1} / {bare.Percentile(99):F1} ms = {flat.Latencies.Percentile(99) / bare.Percentile(99):F2}x: both saturated, so this is their throughputs' ratio)");

        var (sustained, sustainedText) = await SustainedIngestAsync(stack, o, ceiling, targets);
        var ingestRatio = sustained / ceiling;
        targets.Add((ingestRatio >= 0.8, $"end-to-end ingest >= 80 % of the storage ceiling: {sustainedText}: {sustained:F0} / {ceiling:F0} snapshots/s = {ingestRatio:P0}"));

        storage = await FreshStorageAsync(stack, "barepaced");
        Console.WriteLine($"\nBaseline (b), bare enqueue paced: {o.Clients} senders, one message every {pace.TotalMilliseconds:F0} ms each ...");
        (cpu, clock) = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Stopwatch.StartNew());
        var barePaced = await Baselines.BareEnqueueAsync(storage, "barepaced", o.Clients, o.Batch, duration, warmUp, pace);
        Console.WriteLine($"  enqueue latency: {barePaced.Summary()}");
        await stack.StopAzuriteAsync();
        ReportCpu(stack, cpu, clock.Elapsed);

        // The same, with the service's worker storing what is sent, as it does while the apps push:
        // then the push path itself (HTTP and the API) is the only difference from the paced service phase.
        var bareWithWorker = await ServicePhaseAsync(stack, o,
            $"Baseline (b), bare enqueue paced, the queue worker storing: {o.Clients} senders, one message every {pace.TotalMilliseconds:F0} ms each", pace, targets, enqueueDirectly: true);

        var paced = await ServicePhaseAsync(stack, o, $"Service paced: {o.Clients} apps, one push every {pace.TotalMilliseconds:F0} ms each", pace, targets);
        var p99 = paced.Latencies.Percentile(99);
        Console.WriteLine($"  (push p99 / bare enqueue p99 on an otherwise idle machine = {p99:F1} / {barePaced.Percentile(99):F1} ms = {p99 / barePaced.Percentile(99):F2}x)");
        var latencyRatio = p99 / bareWithWorker.Latencies.Percentile(99);
        targets.Add((latencyRatio <= 2, $"push p99 <= 2x bare enqueue p99, same pace, same worker storing: {p99:F1} / {bareWithWorker.Latencies.Percentile(99):F1} ms = {latencyRatio:F2}x"));
        return Conclude(targets);
    }

    /// <summary>How busy each core was while the apps pushed, and who used it: what limits a service phase.</summary>
    private static void ReportLoadCpu(LocalStack stack, Dictionary<string, (long Busy, long Total)> coresBefore, Dictionary<string, double> cpuBefore)
    {
        var cores = LocalStack.CoreTicks()
            .Where(kv => coresBefore.ContainsKey(kv.Key))
            .Select(kv => $"{kv.Key} {100.0 * (kv.Value.Busy - coresBefore[kv.Key].Busy) / Math.Max(1, kv.Value.Total - coresBefore[kv.Key].Total):F0} %");
        var processes = CpuOfEveryProcess(stack).Select(kv => $"{kv.Key} {kv.Value - cpuBefore.GetValueOrDefault(kv.Key):F1} s");
        Console.WriteLine($"  while the load ran: {string.Join(", ", cores)} busy; CPU {string.Join(", ", processes)}; load average at its end {LoadAverage()}");
    }

    /// <summary>The machine's load average: other work on a shared machine shows here.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static Dictionary<string, double> CpuOfEveryProcess(LocalStack stack)
    {
        var cpu = stack.CpuNow();
        cpu["load tool"] = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        return cpu;
    }

    /// <summary>Where the machine's CPU went in the phase just ended: what limits a phase on a small machine.</summary>
    private static void ReportCpu(LocalStack stack, double toolCpuBefore, TimeSpan elapsed)
    {
        var tool = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - toolCpuBefore;
        var parts = stack.CpuSeconds.Select(kv => $"{kv.Key} {kv.Value:F1} s").Append($"load tool {tool:F1} s");
        var total = stack.CpuSeconds.Values.Sum() + tool;
        Console.WriteLine($"  CPU: {string.Join(", ", parts)}; {total:F1} s of the {Environment.ProcessorCount * elapsed.TotalSeconds:F0} s that {Environment.ProcessorCount} cores had in {elapsed.TotalSeconds:F0} s");
        stack.CpuSeconds.Clear();
    }

    private static int Conclude(List<(bool Pass, string Text)> targets)
    {
        Console.WriteLine("\nTargets:");
        foreach (var (pass, text) in targets)
            Console.WriteLine($"  {(pass ? "PASS" : "FAIL")}  {text}");
        return targets.All(t => t.Pass) ? 0 : 1;
    }

    private static IConfiguration Configuration(LocalStack stack, string prefix) => new ConfigurationBuilder()
        .AddInMemoryCollection(StorageNames.Isolated(prefix))
        .AddInMemoryCollection(new Dictionary<string, string?>
    {
        [StorageClients.ConnectionName] = stack.ConnectionString,
        // The accounts are made here; a low work factor keeps 16 logins from dominating start-up.
        ["EvMonitor:PasswordIterations"] = "1000",
    }).Build();

    private static async Task<StorageClients> FreshStorageAsync(LocalStack stack, string prefix, string? dataFolder = null)
    {
        await stack.StartAzuriteAsync(dataFolder);
        return StorageClients.FromConfiguration(Configuration(stack, prefix));
    }

    /// <param name="Ingest">Snapshots stored per second from the first push until the queue was empty.</param>
    /// <param name="DrainSeconds">How long after the load the queue was empty; null when it did not empty.</param>
    private sealed record ServiceResult(double Acknowledged, double Ingest, double? DrainSeconds, Latencies Latencies);

    /// <summary>
    /// The service kept up with a steady load when its queue was empty this soon after the load ended:
    /// then it never fell further behind than the messages it was processing.
    /// </summary>
    private const double KeptUpWithinSeconds = 2;

    /// <summary>
    /// What the service stores when it is not offered more than it can store: steady loads at shares
    /// of the storage ceiling, from 80 % up by 5 % while it keeps up (or down while it does not).
    /// Beyond that, a backlog builds, and on Azurite every queue operation scans the whole queue, so a
    /// backlog slows the emulator down further (the full-load phase shows it).
    /// </summary>
    private static async Task<(double Ingest, string Text)> SustainedIngestAsync(LocalStack stack, LoadOptions o, double ceiling, List<(bool Pass, string Text)> targets)
    {
        (double Ingest, string Text) best = (0, "kept up at no rate tried");
        async Task<bool> KeepsUpAsync(double share)
        {
            var rate = ceiling * share;
            var interval = TimeSpan.FromSeconds(o.Clients * o.Batch / rate);
            var result = await ServicePhaseAsync(stack, o,
                $"Service at a steady {share:P0} of the storage ceiling: {o.Clients} apps, one push every {interval.TotalMilliseconds:F1} ms each ({rate:F0} snapshots/s offered)", interval, targets);
            var keptUp = result.DrainSeconds <= KeptUpWithinSeconds && result.Acknowledged >= 0.97 * rate;
            Console.WriteLine($"  {(keptUp ? "kept up" : "did not keep up")} with {share:P0} of the ceiling");
            if (keptUp && result.Ingest > best.Ingest)
                best = (result.Ingest, $"kept up with {share:P0} of the ceiling, storing (first push until drained)");
            return keptUp;
        }

        // Up from 80 % while it keeps up; if it does not keep up with 80 %, down until it does.
        var step = await KeepsUpAsync(0.8) ? 0.05 : -0.05;
        for (var share = 0.8 + step; share is > 0.05 and < 1.25; share = Math.Round(share + step, 2))
        {
            if (await KeepsUpAsync(share) != step > 0)
                break;
        }
        return best;
    }

    /// <summary>Starts storage and the service, lets the apps push, waits until everything is stored and checks it, stops both.</summary>
    /// <param name="enqueueDirectly">A baseline: the apps send what their pushes would become straight to the queue, the service's worker storing it.</param>
    private static async Task<ServiceResult> ServicePhaseAsync(LocalStack stack, LoadOptions o, string title, TimeSpan? interval, List<(bool Pass, string Text)> targets, bool enqueueDirectly = false)
    {
        var prefix = "load" + Guid.NewGuid().ToString("N")[..8];
        string? dataFolder = null;
        if (o.Fault == Fault.StorageRestart)
        {
            dataFolder = Path.Combine(LocalStack.RepositoryRoot, ".load", $"azurite-{o.BlobPort}");
            if (Directory.Exists(dataFolder))
                Directory.Delete(dataFolder, recursive: true);
        }
        var storage = await FreshStorageAsync(stack, prefix, dataFolder);
        var settings = StorageNames.Isolated(prefix).ToDictionary(kv => kv.Key, kv => kv.Value!);
        settings[StorageClients.ConnectionName] = stack.ConnectionString;
        // Console logging per request is not what a deployed app pays (it logs to Application Insights).
        settings["Logging:LogLevel:Default"] = "Warning";
        // A killed worker's messages come back after this; the default minute would only slow the run down.
        settings["LocalHost:QueueLease"] = "00:00:10";
        foreach (var (key, value) in o.ServiceSettings)
            settings[key] = value;
        var hosts = new List<HostProcess>();
        HostProcess? worker = null;
        if (o.SplitService || o.Fault == Fault.KillWorker)
        {
            // As Flex Consumption runs them: the HTTP functions on instances of their own, the queue trigger on others.
            hosts.Add(await stack.StartHostAsync("api", o.Port, With(settings, "LocalHost:Role", "api")));
            if (!o.ApiOnly)
                hosts.Add(worker = await stack.StartHostAsync("worker", o.Port + 1, With(settings, "LocalHost:Role", "worker")));
        }
        else
        {
            hosts.Add(await stack.StartHostAsync("service", o.Port, o.ApiOnly ? With(settings, "LocalHost:Role", "api") : settings));
        }

        var clients = await CreateAppsAsync(Configuration(stack, prefix), o, enqueueDirectly ? storage.TelemetryQueue : null);
        var target = enqueueDirectly ? "straight to the queue" : $"http://127.0.0.1:{o.Port}/api/push";
        Console.WriteLine($"\n{title} ({target}{(worker is null ? "" : $", queue worker on port {o.Port + 1}")}) ...");
        var warmUpEnds = DateTime.UtcNow.AddSeconds(o.WarmUpSeconds);
        await Task.WhenAll(clients.Select(c => c.RunAsync(warmUpEnds, DateTime.MaxValue, new Latencies(), new PushCounters(), interval)));
        var storedBefore = o.ApiOnly ? 0 : (await DrainAsync(storage, clients, o)).Rows.Stored;
        Console.WriteLine($"  warm-up, not measured: {o.WarmUpSeconds} s of the same load{(o.ApiOnly ? "" : $", then until the queue was empty ({storedBefore} snapshots stored)")}");
        var metricsPorts = hosts.Select(h => h.Port).ToList();
        using var metricsHttp = new HttpClient();
        await ServiceMetrics.ClearAsync(metricsHttp, metricsPorts);
        stack.RestartCpuCount();
        var (cpu, clock) = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Stopwatch.StartNew());
        var counters = new PushCounters();
        var latencies = new Latencies();
        var started = DateTime.UtcNow;
        var until = started + TimeSpan.FromSeconds(o.Seconds);
        var fault = o.Fault switch
        {
            Fault.StorageRestart => RestartStorageAsync(stack, dataFolder!, o, counters),
            Fault.KillWorker => KillWorkerAsync(stack, storage, worker!, hosts, settings, o),
            _ => Task.FromResult(""),
        };
        var (coresBefore, cpuBefore) = (LocalStack.CoreTicks(), CpuOfEveryProcess(stack));
        await Task.WhenAll(clients.Select(c => c.RunAsync(until, started, latencies, counters, interval)));
        var loadEnded = DateTime.UtcNow;
        // A fault replaces processes mid-load, which per-process figures over the load cannot follow.
        if (o.Fault == Fault.None)
            ReportLoadCpu(stack, coresBefore, cpuBefore);
        var backlog = o.ApiOnly || o.Fault != Fault.None ? 0 : await MessageCountAsync(storage.TelemetryQueue, o);
        var faultReport = await fault;
        var firstPush = clients.Min(c => c.FirstPushAt) ?? started;
        var loadSeconds = (loadEnded - firstPush).TotalSeconds;
        var (sent, latencyOf) = enqueueDirectly ? ("pushes' messages enqueued", "enqueue") : ("pushes", "push");
        Console.WriteLine($"  {counters.Ok} {sent} OK ({counters.Ok / loadSeconds:F1} pushes/s, {counters.Ok * o.Batch / loadSeconds:F0} snapshots/s acknowledged), " +
                          $"{counters.Unavailable} answered 503, {counters.Other} other errors, {counters.TransportErrors} connection failures");
        Console.WriteLine($"  {latencyOf} latency: {latencies.Summary()}");
        if (counters.FirstUnexpected is not null)
            Console.WriteLine($"  first unexpected answer: {counters.FirstUnexpected}");
        if (faultReport.Length > 0)
            Console.WriteLine($"  {faultReport}");

        if (o.ApiOnly)
        {
            Console.WriteLine("  no queue worker ran: nothing was stored, so nothing is checked");
            foreach (var host in hosts)
                await host.StopAsync();
            await stack.StopAzuriteAsync();
            ReportCpu(stack, cpu, clock.Elapsed);
            return new ServiceResult(counters.Ok * o.Batch / loadSeconds, 0, null, latencies);
        }
        var (drainedAt, rows) = await DrainAsync(storage, clients, o);
        // Stored while the load ran: what was acknowledged less what was still on the queue when it
        // ended (messages being processed included, so this counts low rather than high).
        var snapshotsPerMessage = o.Batch / (double)MessagesPerPush(o.Batch);
        var ingest = (counters.Ok * o.Batch - backlog * snapshotsPerMessage) / loadSeconds;
        var ingestUntilDrained = (rows.Stored - storedBefore) / ((drainedAt ?? DateTime.UtcNow) - firstPush).TotalSeconds;
        if (o.Fault == Fault.None)
            Console.WriteLine($"  end-to-end ingest under load: {ingest:F0} snapshots/s stored ({backlog} messages still queued when the load ended)");
        Console.WriteLine(drainedAt is null
            ? $"  the queue did not drain within {o.DrainTimeoutSeconds} s"
            : $"  queue drained {(drainedAt.Value - loadEnded).TotalSeconds:F1} s after the load ended: {ingestUntilDrained:F0} snapshots/s from the first push until drained");
        Console.WriteLine($"  acknowledged {rows.Acknowledged} snapshots, stored {rows.Stored}: lost {rows.Lost}, stored from unanswered pushes {rows.Unacknowledged}, " +
                          $"unexplained {rows.Unexplained}, duplicate rows {rows.Duplicates}, missing rows {rows.MissingRows}");
        // A fault replaces processes, whose counts would be lost with them.
        if (o.Fault == Fault.None)
            (await ServiceMetrics.ReadAsync(metricsHttp, metricsPorts)).Report(counters.Ok, o.Batch, MessagesPerPush(o.Batch), prefix);
        var poison = await MessageCountAsync(storage.TelemetryPoisonQueue, o);
        targets.Add((rows.NothingLost && drainedAt is not null && poison == 0,
            $"stored = acknowledged ({title.Split(':')[0]}): {rows.Stored} of {rows.Acknowledged} stored, each once, nothing else; poison queue empty ({poison})"));
        if (o.Fault == Fault.StorageRestart)
        {
            targets.Add((counters.Unavailable > 0 && counters.Other == 0 && counters.TransportErrors == 0,
                $"pushes during the outage answered 503 ({counters.Unavailable}), never another error ({counters.Other + counters.TransportErrors})"));
            targets.Add((counters.OkAfterRecovery > 0, $"recovered without a restart: {counters.OkAfterRecovery} pushes OK after storage came back"));
        }
        if (o.Fault == Fault.KillWorker)
            targets.Add((counters.Other + counters.TransportErrors + counters.Unavailable == 0, "the API kept answering OK while the worker was down"));

        foreach (var host in hosts)
            await host.StopAsync();
        await stack.StopAzuriteAsync();
        ReportCpu(stack, cpu, clock.Elapsed);
        return new ServiceResult(counters.Ok * o.Batch / loadSeconds, ingestUntilDrained, (drainedAt - loadEnded)?.TotalSeconds, latencies);
    }

    /// <summary>A queue's length, waiting for an emulator still busy with what the load left behind.</summary>
    private static async Task<int> MessageCountAsync(QueueClient queue, LoadOptions o)
    {
        var deadline = DateTime.UtcNow.AddSeconds(o.DrainTimeoutSeconds);
        while (true)
        {
            try
            {
                return (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            }
            catch (Exception e) when (StorageOutage.Is(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(1000);
            }
        }
    }

    private static int MessagesPerPush(int batch)
    {
        return new PushBodies("token", "vehicle", batch, seed: 1).Messages(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Count;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> settings, string key, string value) =>
        new(settings) { [key] = value };

    /// <summary>One account with one vehicle per app, made through the account service against the same storage.</summary>
    private static async Task<List<AppClient>> CreateAppsAsync(IConfiguration configuration, LoadOptions o, QueueClient? enqueueTo)
    {
        await using var services = new ServiceCollection().AddEvMonitor(configuration).BuildServiceProvider();
        var accounts = services.GetRequiredService<AccountService>();
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients * 2 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{o.Port}/api/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        // Two days back, so that thousands of pushes of increasing timestamps stay in the past.
        var first = DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 2 * 86_400;
        var clients = new List<AppClient>();
        for (var i = 0; i < o.Clients; i++)
        {
            var email = $"load-{i}-{Guid.NewGuid():N}@example.com";
            var user = (await accounts.CreateUserAsync(email, Password, $"Load app {i}")).User
                ?? throw new InvalidOperationException("Could not create an account for " + email);
            var vehicle = (await accounts.AddVehicleAsync(user.UserId, "energica", "energica-ss9", $"Load {i}", "0")).Vehicle
                ?? throw new InvalidOperationException("Could not add a vehicle for " + email);
            clients.Add(new AppClient(http, email, Password, vehicle.Id, o.Batch, first, seed: i * 7919, enqueueTo));
        }
        // One after the other: all apps share one client address, whose login throttle row 16 logins at
        // once on a busy machine contend for until some are refused.
        foreach (var client in clients)
            await client.LoginAsync();
        return clients;
    }

    /// <summary>Waits until the queue is empty and every acknowledged snapshot is in the table, or the timeout.</summary>
    private static async Task<(DateTime? DrainedAt, StoredRows Rows)> DrainAsync(StorageClients storage, List<AppClient> clients, LoadOptions o)
    {
        var deadline = DateTime.UtcNow.AddSeconds(o.DrainTimeoutSeconds);
        while (true)
        {
            int waiting;
            try
            {
                waiting = (await storage.TelemetryQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            }
            catch (Exception e) when (StorageOutage.Is(e))
            {
                waiting = -1;
            }
            var now = DateTime.UtcNow;
            if (waiting == 0 || now > deadline)
            {
                try
                {
                    var rows = await StoredRows.CountAsync(storage, clients, o.Batch);
                    if (waiting == 0 && rows.Lost == 0)
                        return (now, rows);
                    if (now > deadline)
                        return (null, rows);
                }
                catch (Exception e) when (StorageOutage.Is(e))
                {
                    // The emulator is still busy; count again.
                }
            }
            await Task.Delay(waiting == 0 ? 1000 : 200);
        }
    }

    private static async Task<string> RestartStorageAsync(LocalStack stack, string dataFolder, LoadOptions o, PushCounters counters)
    {
        await Task.Delay(TimeSpan.FromSeconds(o.Seconds / 3.0));
        var okBefore = counters.Ok;
        await stack.StopAzuriteAsync();
        var stoppedAt = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(o.OutageSeconds));
        await stack.StartAzuriteAsync(dataFolder);
        counters.RecoveredAt = DateTime.UtcNow;
        return $"storage stopped after {okBefore} OK pushes, down {(counters.RecoveredAt.Value - stoppedAt).TotalSeconds:F1} s, then started again on the same data folder";
    }

    private static async Task<string> KillWorkerAsync(LocalStack stack, StorageClients storage, HostProcess worker, List<HostProcess> hosts, Dictionary<string, string> settings, LoadOptions o)
    {
        await Task.Delay(TimeSpan.FromSeconds(o.Seconds / 2.0));
        var waiting = (await storage.TelemetryQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        worker.Kill();
        var killedAt = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2));
        hosts.Add(await stack.StartHostAsync("worker", o.Port + 1, With(settings, "LocalHost:Role", "worker")));
        return $"worker killed (SIGKILL) with {waiting} messages on the queue, started again {(DateTime.UtcNow - killedAt).TotalSeconds:F1} s later";
    }
}
