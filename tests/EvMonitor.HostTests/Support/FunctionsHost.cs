using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json.Nodes;
using EvMonitor.IntegrationTests.Support;

namespace EvMonitor.HostTests.Support;

/// <summary>
/// The real Azure Functions host running the Functions project's build output, as in Azure: found
/// through <c>EVMONITOR_FUNCTIONS_HOST</c> (the <c>run.sh</c> of a host build), else at
/// <c>../shared/functions-host/run.sh</c> beside the repository, else Core Tools' <c>func</c> on PATH.
/// </summary>
public sealed class FunctionsHost : IAsyncDisposable
{
    public const string HostVariable = "EVMONITOR_FUNCTIONS_HOST";

    /// <summary>Base port for the hosts the tests start (one more per extra host); unset, free ports are taken.</summary>
    public const string PortVariable = "EVMONITOR_HOST_TEST_PORT";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private FunctionsHost(Process process, ConcurrentQueue<string> output, Uri address, string? masterKey)
    {
        _process = process;
        _output = output;
        Address = address;
        MasterKey = masterKey;
    }

    /// <summary>The folder the host runs: the Functions project's build output (host.json, functions.metadata).</summary>
    public static string AppFolder { get; } = typeof(FunctionsHost).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionsApp").Value!;

    /// <summary>The host's command, or null when there is none; a named one that does not exist is an error.</summary>
    public static (string Command, bool IsCoreTools)? Locate()
    {
        var named = Environment.GetEnvironmentVariable(HostVariable);
        if (!string.IsNullOrWhiteSpace(named))
            return File.Exists(named) ? (Path.GetFullPath(named), false) : throw new FileNotFoundException($"{HostVariable} names '{named}', which does not exist.");
        var shared = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "functions-host", "run.sh"));
        if (File.Exists(shared))
            return (shared, false);
        var func = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "func"))
            .FirstOrDefault(File.Exists);
        return func is null ? null : (func, true);
    }

    public Uri Address { get; }

    /// <summary>The admin API's key; null under Core Tools, which does not check keys locally.</summary>
    public string? MasterKey { get; }

    /// <summary>What the host has written so far (its console log).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Requests to <c>/api/…</c>: <c>Client.PostAsync("login", …)</c>.</summary>
    public HttpClient NewClient() => new() { BaseAddress = new Uri(Address, "api/"), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Requests to the admin API (<c>admin/functions</c>), with the master key.</summary>
    public HttpClient NewAdminClient()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (MasterKey is not null)
            client.DefaultRequestHeaders.Add("x-functions-key", MasterKey);
        return client;
    }

    /// <param name="settings">App settings, passed as environment variables as local.settings.json's Values would be.</param>
    /// <param name="portOffset">Which of the test ports (<see cref="PortVariable"/>) this host takes.</param>
    public static async Task<FunctionsHost> StartAsync(string name, IReadOnlyDictionary<string, string> settings, int portOffset)
    {
        var (command, isCoreTools) = Locate() ?? throw new InvalidOperationException("No Functions host to run.");
        var port = int.TryParse(Environment.GetEnvironmentVariable(PortVariable), out var basePort) ? basePort + portOffset : FreePort();
        var start = new ProcessStartInfo(isCoreTools ? command : "bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppFolder };
        if (isCoreTools)
        {
            foreach (var argument in new[] { "host", "start", "--port", $"{port}" })
                start.ArgumentList.Add(argument);
        }
        else
        {
            foreach (var argument in new[] { command, AppFolder, $"{port}" })
                start.ArgumentList.Add(argument);
        }
        // run.sh keeps its private copy of the host (with the keys it writes) under TMPDIR: one per test host.
        var hostCopies = Path.Combine(Path.GetTempPath(), "evmonitor-host-tests", name);
        Directory.CreateDirectory(hostCopies);
        start.Environment["TMPDIR"] = hostCopies;
        foreach (var (key, value) in settings)
            start.Environment[key] = value;

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}/");
        try
        {
            var masterKey = await WaitUntilRunningAsync(process, address, isCoreTools ? null : hostCopies, output);
            return new FunctionsHost(process, output, address, masterKey);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>
    /// Polls the admin API until the host says it is running. The host writes its keys to
    /// <c>Secrets/host.json</c> in its copy the first time a request carries a key, so the first polls
    /// carry a wrong one.
    /// </summary>
    private static async Task<string?> WaitUntilRunningAsync(Process process, Uri address, string? hostCopies, ConcurrentQueue<string> output)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        string? masterKey = null;
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The Functions host exited with {process.ExitCode}:\n{string.Join('\n', output.TakeLast(60))}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The Functions host did not start in time:\n{string.Join('\n', output.TakeLast(60))}");
            masterKey ??= hostCopies is null ? null : MasterKeyIn(hostCopies);
            using var request = new HttpRequestMessage(HttpMethod.Get, "admin/host/status");
            request.Headers.Add("x-functions-key", masterKey ?? "not-the-key");
            try
            {
                using var response = await client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK
                    && (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())?["state"] == "Running")
                    return masterKey;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
    }

    private static string? MasterKeyIn(string hostCopies)
    {
        var secrets = Directory.EnumerateFiles(hostCopies, "host.json", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "Secrets")
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
        return secrets is null ? null : (string?)JsonNode.Parse(File.ReadAllText(secrets))?["masterKey"]?["value"];
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
            return;
        output.Enqueue(line);
        while (output.Count > 5000)
            output.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        // The tree: the host and the worker process it started.
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
