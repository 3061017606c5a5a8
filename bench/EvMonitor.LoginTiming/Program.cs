// Times failed logins at the production work factor: a wrong password for an existing account
// against an e-mail with no account, interleaved in random order in one process, so drift in the
// machine's speed falls on both alike. The two must not be told apart by their timing (API.md).
//
//   dotnet run -c Release --project bench/EvMonitor.LoginTiming -- [pairs] [iterations]
//
// pairs: how many (wrong e-mail, wrong password) pairs to time (default 40);
// iterations: the PBKDF2 work factor (default 600000, the production value).
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Domain;
using EvMonitor.Login;
using EvMonitor.LoginTiming;
using EvMonitor.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

var pairs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : PasswordHasher.DefaultIterations;

var hasher = new PasswordHasher(iterations);
var user = new User("user1", "rider@example.com", hasher.Hash("correct-horse-battery"), "Rider", DateTimeOffset.UtcNow);
// Limits out of reach: every attempt must get to the password check to be timed.
var throttleOptions = new LoginThrottleOptions { AccountFailures = int.MaxValue, AddressFailures = int.MaxValue };
var endpoint = new LoginEndpoint(
    new MemoryUsers(user), hasher, new Authenticator(new MemoryTokens(), TimeProvider.System),
    new LoginThrottle(new MemoryThrottle(), throttleOptions, TimeProvider.System, NullLogger<LoginThrottle>.Instance));
var pipeline = new ApiPipeline(new EvMonitorMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()), NullLogger<ApiPipeline>.Instance);

ApiRequest Login(string email, string password) => new("POST", "application/x-www-form-urlencoded",
    Encoding.UTF8.GetBytes($"username={Uri.EscapeDataString(email)}&password={Uri.EscapeDataString(password)}"), ClientAddress: "203.0.113.7");

var cases = new (string Name, Func<int, ApiRequest> Request)[]
{
    ("wrong e-mail", _ => Login("nobody@example.com", "not-the-password")),
    ("wrong password", i => Login(user.Email, "not-the-password")),
};

async Task<double> TimeAsync(ApiRequest request)
{
    var watch = Stopwatch.StartNew();
    var answer = await pipeline.RunAsync(endpoint, request);
    watch.Stop();
    if (answer.Code != ErrorCodes.InvalidCredentials)
        throw new InvalidOperationException("Expected INVALID_CREDENTIALS, got " + answer.Body.ToJsonString());
    return watch.Elapsed.TotalMilliseconds;
}

// Warm-up: JIT, the decoy hash made on first use, caches.
for (var i = 0; i < 3; i++)
    foreach (var (_, request) in cases)
        await TimeAsync(request(i));

var random = new Random(20250301);
var samples = cases.Select(_ => new List<double>(pairs)).ToArray();
for (var i = 0; i < pairs; i++)
{
    foreach (var c in Enumerable.Range(0, cases.Length).OrderBy(_ => random.Next()))
        samples[c].Add(await TimeAsync(cases[c].Request(i)));
}

Console.WriteLine($"Failed logins, PBKDF2-HMAC-SHA256 at {iterations:N0} iterations, {pairs} interleaved pairs, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
Console.WriteLine($"{"case",-16}{"mean ms",10}{"stdev ms",10}{"median ms",11}{"min ms",9}{"max ms",9}");
var stats = samples.Select(Stats.Of).ToArray();
for (var c = 0; c < cases.Length; c++)
{
    var s = stats[c];
    Console.WriteLine($"{cases[c].Name,-16}{s.Mean,10:F1}{s.StdDev,10:F1}{s.Median,11:F1}{s.Min,9:F1}{s.Max,9:F1}");
}
var (a, b) = (stats[0], stats[1]);
var standardError = Math.Sqrt(a.StdDev * a.StdDev / a.Count + b.StdDev * b.StdDev / b.Count);
Console.WriteLine($"ratio of means (wrong e-mail / wrong password): {a.Mean / b.Mean:F3}");
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
