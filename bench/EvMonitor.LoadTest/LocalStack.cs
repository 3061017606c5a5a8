using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;

namespace EvMonitor.LoadTest;

/// <summary>
/// The processes a run needs, all on loopback: an Azurite of its own (from the project's npm
/// dependency, through scripts/azurite.sh) and the local host built in Release, as one process or as
/// a separate API and queue worker.
/// </summary>
public sealed class LocalStack(int blobPort, string logFolder, bool splitEmulator, bool tableOwnsCore) : IAsyncDisposable
{
    /// <summary>The cores this run may use, the first of them for the table emulator when it has one to itself.</summary>
    private readonly int[] _cores = AllowedCores();

    /// <summary>Whether the table emulator runs on a core of its own (see <see cref="LoadOptions.TableOwnsCore"/>).</summary>
    public bool TableOwnsCore => tableOwnsCore && splitEmulator && _cores.Length >= 2;

    /// <summary>Where the processes run, for the run's header.</summary>
    public string CoreLayout
    {
        get
        {
            if (TableOwnsCore)
                return $"the table emulator alone on core {_cores[0]} (no other process of the run there), every other process on {Cores(_cores[1..])}";
            // Asked for a core of its own, the table emulator can only have one when it is a process of its own and a core is left over.
            var why = !tableOwnsCore ? "" : !splitEmulator ? " (--azurite combined: no table emulator of its own)" : " (one core: none to give the table emulator)";
            return $"every process on {Cores(_cores)}{why}";
        }
    }

    private static string Cores(int[] cores) => cores.Length == 1 ? $"core {cores[0]}" : $"cores {string.Join(',', cores)}";

    /// <summary>
    /// Keeps this process, and so every process it starts but the table emulator, off the table
    /// emulator's core: every thread of it now, and threads inherit their creator's cores.
    /// </summary>
    public async Task KeepOffTableCoreAsync()
    {
        if (!TableOwnsCore)
            return;
        try
        {
            using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-p", "-c", string.Join(',', _cores[1..]), Environment.ProcessId.ToString()])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            await taskset.StandardOutput.ReadToEndAsync(); // a line per thread, of no interest
            var error = await taskset.StandardError.ReadToEndAsync();
            await taskset.WaitForExitAsync();
            if (taskset.ExitCode != 0)
                throw new InvalidOperationException($"taskset failed ({error.Trim()}); run with --cpu shared.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("taskset (util-linux) is not installed; install it or run with --cpu shared.");
        }
    }

    /// <summary>The cores this process may run on, as Linux lists them ("0-1", "0,2-3").</summary>
    private static int[] AllowedCores()
    {
        var list = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))
            : null;
        if (list is null)
            return [.. Enumerable.Range(0, Environment.ProcessorCount)];
        return [.. list["Cpus_allowed_list:".Length..].Trim().Split(',').SelectMany(part =>
        {
            var ends = part.Split('-').Select(int.Parse).ToArray();
            return Enumerable.Range(ends[0], ends[^1] - ends[0] + 1);
        })];
    }

    /// <summary>Busy and total time of each core so far, from /proc/stat (Linux), in clock ticks.</summary>
    public static Dictionary<string, (long Busy, long Total)> CoreTicks() =>
        File.ReadLines("/proc/stat")
            .Where(l => l.StartsWith("cpu", StringComparison.Ordinal) && char.IsDigit(l[3]))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            // user nice system idle iowait irq softirq steal: idle, iowait and steal (time the virtual
            // machine's host gave elsewhere) are the core not working for anything here.
            .ToDictionary(f => $"core {f[0][3..]}", f =>
            {
                var ticks = f[1..9].Select(long.Parse).ToArray();
                return (ticks.Sum() - ticks[3] - ticks[4] - ticks[7], ticks.Sum());
            });

    public static string RepositoryRoot { get; } = typeof(LocalStack).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private readonly List<HostProcess> _hosts = [];

    /// <summary>CPU seconds each process used, recorded as it is stopped: every phase starts its own processes.</summary>
    public Dictionary<string, double> CpuSeconds { get; } = [];

    /// <summary>User and system CPU time of a running process, from /proc (Linux).</summary>
    public static double CpuSecondsOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the command: state is field 3 of stat(5), utime 14 and stime 15.
            return (double.Parse(fields[11]) + double.Parse(fields[12])) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private void RecordCpu(string name, int pid) => AddCpu(name, CpuSecondsOf(pid));

    private void AddCpu(string name, double seconds)
    {
        lock (CpuSeconds)
            CpuSeconds[name] = CpuSeconds.GetValueOrDefault(name) + seconds;
    }

    /// <summary>Counts CPU from now on: what the running processes used so far (a warm-up) is left out.</summary>
    public void RestartCpuCount()
    {
        CpuSeconds.Clear();
        foreach (var (name, seconds) in CpuNow())
            AddCpu(name, -seconds);
    }

    /// <summary>CPU seconds each running process of the stack has used so far.</summary>
    public Dictionary<string, double> CpuNow()
    {
        var now = new Dictionary<string, double>();
        foreach (var host in _hosts.Where(h => !h.Process.HasExited))
            now[host.Name] = now.GetValueOrDefault(host.Name) + CpuSecondsOf(host.Process.Id);
        foreach (var (emulator, name) in _emulators.Zip(["queue emulator", "table emulator"]))
            now[name] = CpuSecondsOf(emulator.Id);
        if (!splitEmulator && CombinedEmulatorPid() is { } pid)
            now["emulator"] = CpuSecondsOf(pid);
        return now;
    }
    private bool _azuriteRunning;

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        // Azurite's documented development key, not a secret.
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{blobPort + 1}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{blobPort + 2}/devstoreaccount1;";

    private readonly List<Process> _emulators = [];

    /// <param name="dataFolder">Where data survives a restart; null keeps it in memory.</param>
    public async Task StartAzuriteAsync(string? dataFolder)
    {
        _azuriteRunning = true;
        if (!splitEmulator)
        {
            await Script("start", blobPort.ToString(), dataFolder ?? "--in-memory");
            return;
        }
        // Queue and table as two emulator processes, as they are two services in Azure: in one
        // process every enqueue would wait behind every table transaction on its single thread.
        _emulators.Add(StartEmulator("queue", blobPort + 1, dataFolder));
        _emulators.Add(StartEmulator("table", blobPort + 2, dataFolder));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await IsListeningAsync(blobPort + 1) || !await IsListeningAsync(blobPort + 2))
        {
            if (DateTime.UtcNow > deadline || _emulators.Any(e => e.HasExited))
                throw new InvalidOperationException($"Azurite did not start; see {logFolder}/azurite-*.log");
            await Task.Delay(100);
        }
    }

    private Process StartEmulator(string service, int port, string? dataFolder)
    {
        if (dataFolder is not null)
            Directory.CreateDirectory(dataFolder);
        var storage = dataFolder is null ? "--inMemoryPersistence" : $"--location '{dataFolder}'";
        var pin = service == "table" && TableOwnsCore ? $"taskset -c {_cores[0]} " : "";
        var command = $"exec {pin}node_modules/.bin/azurite-{service} --silent --skipApiVersionCheck --disableTelemetry {storage} " +
                      $"--{service}Host 127.0.0.1 --{service}Port {port} >> '{logFolder}/azurite-{service}.log' 2>&1";
        return Process.Start(new ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = RepositoryRoot })!;
    }

    /// <summary>
    /// Stops Azurite the way an operator would, letting it save its data, and waits for the process
    /// to end; one that has saved but is still held by open connections is killed, so nothing answers
    /// from the old process.
    /// </summary>
    public async Task StopAzuriteAsync()
    {
        if (splitEmulator)
        {
            foreach (var (emulator, service) in _emulators.Zip(["queue", "table"]))
            {
                RecordCpu($"{service} emulator", emulator.Id);
                await StopEmulatorAsync(emulator.Id, Path.Combine(logFolder, $"azurite-{service}.log"));
            }
            _emulators.Clear();
            _azuriteRunning = false;
            return;
        }
        var pid = CombinedEmulatorPid();
        if (pid is not null)
            RecordCpu("emulator", pid.Value);
        await Script("stop", blobPort.ToString());
        _azuriteRunning = false;
        if (pid is not null)
            await WaitOrKillAsync(pid.Value);
    }

    /// <summary>The single Azurite process scripts/azurite.sh started, by the pid file it leaves.</summary>
    private int? CombinedEmulatorPid()
    {
        var pidFile = Path.Combine(RepositoryRoot, ".azurite", $"azurite-{blobPort}.pid");
        return File.Exists(pidFile) ? int.Parse(File.ReadAllText(pidFile).Trim()) : null;
    }

    /// <summary>
    /// SIGINT, as Ctrl+C: the table emulator run on its own (<c>azurite-table</c>) handles no other
    /// signal, and SIGTERM would end it at once, losing every write since its last save (its data
    /// folder is saved every 5 s). It saves on SIGINT and then logs "successfully closed", which for a
    /// large data folder takes a while on this machine: it is waited for, up to two minutes.
    /// </summary>
    private static async Task StopEmulatorAsync(int pid, string logFile)
    {
        static int Closed(string log) => File.Exists(log) ? File.ReadLines(log).Count(l => l.Contains("successfully closed")) : 0;
        var closedBefore = Closed(logFile);
        using (var interrupt = Process.Start("kill", ["-INT", pid.ToString()]))
            await interrupt.WaitForExitAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (Directory.Exists($"/proc/{pid}") && Closed(logFile) == closedBefore && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        if (Directory.Exists($"/proc/{pid}") && Closed(logFile) == closedBefore)
            Console.WriteLine($"  Azurite (pid {pid}) had not saved its data after two minutes");
        await WaitOrKillAsync(pid);
    }

    /// <summary>Waits up to 10 s for a signalled process to end, then kills it.</summary>
    private static async Task WaitOrKillAsync(int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        if (Directory.Exists($"/proc/{pid}"))
        {
            try { Process.GetProcessById(pid).Kill(); }
            catch (ArgumentException) { } // ended in between
        }
        while (Directory.Exists($"/proc/{pid}"))
            await Task.Delay(100);
    }

    public async Task<HostProcess> StartHostAsync(string name, int port, IDictionary<string, string> settings)
    {
        var dll = Path.Combine(RepositoryRoot, "src", "EvMonitor.LocalHost", "bin", "Release", "net10.0", "EvMonitor.LocalHost.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"{dll} is missing: build it first (dotnet build -c Release src/EvMonitor.LocalHost), as scripts/load.sh does.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add($"--Urls=http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
            start.ArgumentList.Add($"--{key}={value}");
        var host = new HostProcess(name, port, Process.Start(start)!, Path.Combine(logFolder, $"{name}.log"), RecordCpu);
        _hosts.Add(host);
        var process = host.Process;

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await IsListeningAsync(port))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The local host '{name}' exited with {process.ExitCode}; see {logFolder}/{name}.log");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The local host '{name}' did not listen on {port} within a minute.");
            await Task.Delay(100);
        }
        return host;
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task Script(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("scripts/azurite.sh");
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/azurite.sh {string.Join(' ', arguments)} failed: {output}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
            await host.StopAsync();
        if (_azuriteRunning)
            await StopAzuriteAsync();
    }
}

public sealed class HostProcess
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _closed;

    private readonly Action<string, int> _recordCpu;

    /// <summary>Where it listens on 127.0.0.1.</summary>
    public int Port { get; }

    public HostProcess(string name, int port, Process process, string logFile, Action<string, int> recordCpu)
    {
        _recordCpu = recordCpu;
        Name = name;
        Port = port;
        _process = process;
        _log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Process Process => _process;

    private void Write(string? line)
    {
        lock (_log)
        {
            if (line is not null && !_closed)
                _log.WriteLine(line);
        }
    }

    /// <summary>SIGKILL: the process gets no chance to finish or give back what it holds.</summary>
    public void Kill()
    {
        _recordCpu(Name, _process.Id);
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a platform stops an instance, and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _recordCpu(Name, _process.Id);
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
                await kill.WaitForExitAsync();
            if (!await WaitAsync(TimeSpan.FromSeconds(20)))
                Kill();
        }
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private async Task<bool> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
