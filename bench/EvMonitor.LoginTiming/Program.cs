// Times the answers that must not tell which accounts exist, at the production work factor, the
// two cases interleaved in random order in one process, so drift in the machine's speed falls on
// both alike (API.md):
//   login:    a wrong password for an existing account against an e-mail with no account;
//   register: an e-mail already taken (409, no hash, a wait as long as one) against a free one (200).
// Besides the wall time, the process's CPU time per request shows what each case costs.
//
//   dotnet run -c Release --project bench/EvMonitor.LoginTiming -- [login|register] [pairs] [iterations]
//
// pairs: how many pairs to time (default 40);
// iterations: the PBKDF2 work factor (default 600000, the production value).
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using EvMonitor.Accounts;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Domain;
using EvMonitor.Login;
using EvMonitor.LoginTiming;
using EvMonitor.Throttling;
using EvMonitor.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

var mode = args.Length > 0 && args[0] is "login" or "register" ? args[0] : "login";
var numbers = args.SkipWhile(a => a is "login" or "register").ToArray();
var pairs = numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 40;
var iterations = numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : PasswordHasher.DefaultIterations;

var hasher = new PasswordHasher(iterations);
var user = new User("user1", "rider@example.com", hasher.Hash("correct-horse-battery"), "Rider", DateTimeOffset.UtcNow);
var users = new MemoryUsers(user);
// Limits out of reach: every attempt must get to the password check to be timed.
var counter = new AttemptCounter(new MemoryThrottle(), TimeProvider.System, NullLogger<AttemptCounter>.Instance);
var login = new LoginEndpoint(
    users, hasher, new Authenticator(new MemoryTokens(), TimeProvider.System),
    new LoginThrottle(counter, new LoginThrottleOptions { AccountFailures = int.MaxValue, AddressFailures = int.MaxValue }));
var register = new RegisterEndpoint(
    // Registration reads neither vehicles nor the catalog.
    new AccountService(users, null!, null!, hasher, TimeProvider.System), counter, new RegisterThrottleOptions { AddressAttempts = int.MaxValue });
var pipeline = new ApiPipeline(new EvMonitorMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()), NullLogger<ApiPipeline>.Instance);

ApiRequest Form(string email, string password) => new("POST", "application/x-www-form-urlencoded",
    Encoding.UTF8.GetBytes($"username={Uri.EscapeDataString(email)}&password={Uri.EscapeDataString(password)}"), ClientAddress: "203.0.113.7");

var cases = mode == "login"
    ? new (string Name, IApiEndpoint Endpoint, string? Code, Func<int, ApiRequest> Request)[]
    {
        ("wrong e-mail", login, ErrorCodes.InvalidCredentials, _ => Form("nobody@example.com", "not-the-password")),
        ("wrong password", login, ErrorCodes.InvalidCredentials, _ => Form(user.Email, "not-the-password")),
    }
    :
    [
        ("taken e-mail", register, ErrorCodes.EmailTaken, _ => Form(user.Email, "a-new-password")),
        ("free e-mail", register, null, i => Form($"new-rider-{i}-{Guid.NewGuid():N}@example.com", "a-new-password")),
    ];

async Task<(double WallMs, double CpuMs)> TimeAsync(int c, int i)
{
    var request = cases[c].Request(i);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var answer = await pipeline.RunAsync(cases[c].Endpoint, request);
    watch.Stop();
    var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
    if (answer.Code != cases[c].Code)
        throw new InvalidOperationException($"Expected {cases[c].Code ?? "OK"}, got " + answer.ToJsonString());
    return (watch.Elapsed.TotalMilliseconds, cpuMs);
}

// Warm-up: JIT, the decoy hash made on first use, caches.
for (var i = 0; i < 3; i++)
    for (var c = 0; c < cases.Length; c++)
        await TimeAsync(c, -1 - i);

var random = new Random(20250301);
var samples = cases.Select(_ => new List<double>(pairs)).ToArray();
var cpuSamples = cases.Select(_ => new List<double>(pairs)).ToArray();
for (var i = 0; i < pairs; i++)
{
    foreach (var c in Enumerable.Range(0, cases.Length).OrderBy(_ => random.Next()))
    {
        var (wall, cpu) = await TimeAsync(c, i);
        samples[c].Add(wall);
        cpuSamples[c].Add(cpu);
    }
}

Console.WriteLine($"{(mode == "login" ? "Failed logins" : "Registrations")}, PBKDF2-HMAC-SHA256 at {iterations:N0} iterations, {pairs} interleaved pairs, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"{"case",-16}{"mean ms",10}{"stdev ms",10}{"median ms",11}{"min ms",9}{"max ms",9}{"CPU ms",9}");
var stats = samples.Select(Stats.Of).ToArray();
for (var c = 0; c < cases.Length; c++)
{
    var s = stats[c];
    Console.WriteLine($"{cases[c].Name,-16}{s.Mean,10:F1}{s.StdDev,10:F1}{s.Median,11:F1}{s.Min,9:F1}{s.Max,9:F1}{cpuSamples[c].Average(),9:F1}");
}
var (a, b) = (stats[0], stats[1]);
var standardError = Math.Sqrt(a.StdDev * a.StdDev / a.Count + b.StdDev * b.StdDev / b.Count);
Console.WriteLine($"ratio of means ({cases[0].Name} / {cases[1].Name}): {a.Mean / b.Mean:F3}");
Console.WriteLine($"difference of means: {a.Mean - b.Mean:F1} ms, Welch t = {(a.Mean - b.Mean) / standardError:F2} (|t| < 2: no difference the samples can show)");

internal sealed record Stats(int Count, double Mean, double StdDev, double Median, double Min, double Max)
{
    public static Stats Of(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        return new Stats(values.Count, mean, Math.Sqrt(variance), median, sorted[0], sorted[^1]);
    }
}
