using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Bench;
using EvMonitor.Domain;
using EvMonitor.Monitoring;
using EvMonitor.Push;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.Vehicles;
using EvMonitor.VehicleHealth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvMonitor.Benchmarks;

/// <summary>
/// The push path's own work for a 10-snapshot JSON push, stage by stage as <see cref="PushTimer"/>
/// names them, and the whole of <see cref="PushEndpoint.HandleAsync"/> with a queue that takes a message
/// at once (so everything but the enqueue round trip). The token and the ownership are kept in memory,
/// as for every push but an app's first in a minute. Times and allocations are per push.
/// </summary>
[Config(typeof(ShortRunConfig))]
[MinColumn, MedianColumn]
public class PushPath
{
    private const string VehicleId = "abcdefg12345678";
    private const string UserId = "user12345678901";

    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private string _token = "";
    private ApiRequest _request = null!;
    private Authenticator _authenticator = null!;
    private VehicleAccess _access = null!;
    private PushEndpoint _endpoint = null!;
    private TelemetryMessage _header = null!;
    private IReadOnlyList<Snapshot> _snapshots = [];

    [GlobalSetup]
    public void Setup()
    {
        _token = Tokens.NewToken();
        _request = new ApiRequest("POST", "application/json; charset=utf-8",
            SamplePush.JsonBody(SamplePush.Json(_token, VehicleId, _now.ToUnixTimeSeconds() - 3600, 10)));
        _authenticator = new Authenticator(new OneToken(new SessionToken(Tokens.Hash(_token), UserId, _now.AddHours(1))), TimeProvider.System, TimeSpan.FromHours(1));
        _access = new VehicleAccess(new OneVehicle(VehicleId, UserId));
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        _endpoint = new PushEndpoint(_authenticator, _access, new TakingQueue(), TimeProvider.System, new EvMonitorMetrics(meters),
            new NoHealth(), NullLogger<PushEndpoint>.Instance);

        var reader = new PushReader(_now);
        RequestBodyParser.ParseAsync(_request, reader).AsTask().GetAwaiter().GetResult();
        var (snapshots, errors) = reader.Complete();
        if (errors.Count > 0)
            throw new InvalidOperationException("The sample push does not validate.");
        _snapshots = snapshots;
        _header = new TelemetryMessage { PushId = Guid.NewGuid().ToString("N"), VehicleId = VehicleId, UserAgent = reader.UserAgent, ReceivedAt = _now };
        if (!PackBefore.Pack(_header, _snapshots)[0].ToMemory().Span.SequenceEqual(TelemetryMessages.Pack(_header, _snapshots)[0].ToMemory().Span))
            throw new InvalidOperationException("The two ways of packing write different messages.");
        if (_endpoint.HandleAsync(_request).GetAwaiter().GetResult().Status != 200)
            throw new InvalidOperationException("The sample push is refused.");
    }

    [Benchmark(Description = "parse and validation (JSON)")]
    public async ValueTask<int> Parse()
    {
        var reader = new PushReader(_now);
        await RequestBodyParser.ParseAsync(_request, reader);
        return reader.Complete().Snapshots.Count;
    }

    [Benchmark(Description = "token check (kept)")]
    public async Task<string?> Token() => (await _authenticator.AuthenticateRememberedAsync(_token, null)).UserId;

    [Benchmark(Description = "ownership check (kept)")]
    public Task<VehicleOwnership> Ownership() => _access.CheckRememberedAsync(UserId, VehicleId);

    [Benchmark(Baseline = true, Description = "message building, before")]
    public int PackOld() => PackBefore.Pack(_header, _snapshots).Count;

    [Benchmark(Description = "message building")]
    public int Pack() => TelemetryMessages.Pack(_header, _snapshots).Count;

    /// <summary>What timing a push costs: its laps, and the two thread CPU readings taken only while a load run listens.</summary>
    [Benchmark(Description = "stage timer, one push's laps")]
    public int Timer() => Laps(new PushTimer());

    [Benchmark(Description = "stage timer with thread CPU")]
    public int TimerWithCpu() => Laps(new PushTimer(threadCpu: true));

    private static int Laps(PushTimer timer)
    {
        timer.Lap(PushTimer.Parse);
        timer.Restart();
        timer.Lap(PushTimer.Token);
        timer.Lap(PushTimer.Ownership);
        timer.Lap(PushTimer.Parse);
        timer.Lap(PushTimer.Build);
        timer.Lap(PushTimer.Enqueue);
        return timer.Stages.Count();
    }

    [Benchmark(Description = "whole push but the enqueue")]
    public async Task<int> Push() => (await _endpoint.HandleAsync(_request)).Status;

    private sealed class TakingQueue : ITelemetryQueue
    {
        private static readonly Task<SentMessage> Sent = Task.FromResult(new SentMessage("id", "receipt"));

        public Task<SentMessage> SendAsync(string vehicleId, BinaryData message, CancellationToken cancellationToken = default) => Sent;

        public Task DeleteAsync(SentMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private sealed class NoHealth : IVehicleHealthRecorder
    {
        public void Stored(TelemetryMessage message, int written, int repushed) { }

        public void Rejected(string vehicleId, string code) { }
    }

    private sealed class OneToken(SessionToken token) : ITokenStore
    {
        public Task AddAsync(SessionToken added, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SessionToken?> FindAsync(string tokenHash, CancellationToken cancellationToken = default) =>
            Task.FromResult(tokenHash == token.TokenHash ? token : null);

        public Task DeleteAsync(string tokenHash, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> DeleteAllOfUserAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class OneVehicle(string vehicleId, string userId) : IVehicleStore
    {
        public Task<string?> FindOwnerAsync(string id, CancellationToken cancellationToken = default) =>
            Task.FromResult(id == vehicleId ? userId : null);

        public Task<IReadOnlyList<Vehicle>> ListAsync(string user, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task AddAsync(Vehicle vehicle, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Vehicle?> UpdateAsync(string user, string id, string? nickname, string? timeZone, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task DeleteAsync(string user, string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
