using EvMonitor.VehicleHealth;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Catalog;
using EvMonitor.Core.Tests.Support;
using EvMonitor.Domain;
using EvMonitor.Functions;
using EvMonitor.Login;
using EvMonitor.Push;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.Vehicles;
using EvMonitor.Throttling;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace EvMonitor.Fuzz.Tests.Support;

/// <summary>
/// The real endpoints behind the real HTTP adapter (<see cref="HttpApi"/> and <see cref="ApiPipeline"/>),
/// with storage in memory: one user who owns one vehicle, holding one valid token. What a case gets
/// back is exactly what the HTTP response would carry.
/// </summary>
public sealed class ApiHarness
{
    public const string Email = "rider@example.com";
    public const string Password = "correct-horse-battery";
    public const string VehicleId = "abcdefg1234";
    public const string OthersVehicleId = "zzzzzzz9999";

    /// <summary>A token the token store knows: pushes get past authentication into validation.</summary>
    public static readonly string Token = new('a', Tokens.Length);

    /// <summary>The seed example's first timestamp; "now" is an hour later, so the example is valid.</summary>
    public const long SeedTimestamp = 1732550400;

    private readonly FailureLog _log = new();
    private readonly HttpApi _api;

    public ApiHarness()
    {
        _api = new HttpApi(new ApiPipeline(TestMetrics.New(), _log));
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(SeedTimestamp + 3600));
        // One iteration: the fuzz exercises the paths, not the key derivation.
        var hasher = new PasswordHasher(iterations: 1);
        var user = new User("user1", Email, hasher.Hash(Password), "Rider", clock.GetUtcNow());

        var users = new Mock<IUserStore>();
        users.Setup(u => u.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string email, CancellationToken _) => TableUserStore.EmailKey(email) == TableUserStore.EmailKey(Email) ? user : null);

        var tokens = new Mock<ITokenStore>();
        tokens.Setup(t => t.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string hash, CancellationToken _) =>
                hash == Tokens.Hash(Token) ? new SessionToken(hash, user.UserId, clock.GetUtcNow().AddMinutes(5)) : null);

        var vehicles = new Mock<IVehicleStore>();
        vehicles.Setup(v => v.FindOwnerAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => id switch { VehicleId => user.UserId, OthersVehicleId => "user2", _ => null });
        vehicles.Setup(v => v.ListAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new Vehicle(VehicleId, user.UserId, "energica", "energica-ss9", "The Rocket", "0")]);

        var catalog = new Mock<ICatalogStore>();
        catalog.Setup(c => c.FindMakeAsync("energica", It.IsAny<CancellationToken>())).ReturnsAsync(new Make("energica", "Energica"));
        catalog.Setup(c => c.FindModelAsync("energica-ss9", It.IsAny<CancellationToken>())).ReturnsAsync(new Model("energica-ss9", "energica", "SS9"));

        // Never locked: every login case reaches the password check.
        var throttleStore = new Mock<ILoginThrottleStore>();
        throttleStore.Setup(s => s.TryWriteAsync(It.IsAny<string>(), It.IsAny<LoginThrottleState>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var authenticator = new Authenticator(tokens.Object, clock);
        var throttle = new LoginThrottle(new AttemptCounter(throttleStore.Object, clock, NullLogger<AttemptCounter>.Instance), new LoginThrottleOptions());
        Login = new LoginEndpoint(users.Object, hasher, authenticator, throttle);
        Push = new PushEndpoint(authenticator, new VehicleAccess(vehicles.Object), Queue, clock, TestMetrics.New(), Mock.Of<IVehicleHealthRecorder>(), NullLogger<PushEndpoint>.Instance);
        GetVehicles = new GetVehiclesEndpoint(vehicles.Object, authenticator);
        Logout = new LogoutEndpoint(authenticator);
        GetMake = new GetMakeEndpoint(catalog.Object, authenticator);
        GetModel = new GetModelEndpoint(catalog.Object, authenticator);
    }

    public IApiEndpoint Login { get; }
    public IApiEndpoint Push { get; }
    public IApiEndpoint GetVehicles { get; }
    public IApiEndpoint Logout { get; }
    public IApiEndpoint GetMake { get; }
    public IApiEndpoint GetModel { get; }

    public RecordingQueue Queue { get; } = new();

    /// <summary>Sends one request through the HTTP adapter and reads the response as a client would.</summary>
    public async Task<HttpAnswer> SendAsync(IApiEndpoint endpoint, FuzzRequest request)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = request.Method;
        context.Request.ContentType = request.ContentType;
        context.Request.Body = new MemoryStream(request.Body, writable: false);
        if (request.DeclareLength)
            context.Request.ContentLength = request.Body.Length;
        if (request.Authorization is not null)
            context.Request.Headers.Authorization = request.Authorization;
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        _log.Last = null;
        var result = await _api.RunAsync(context.Request, endpoint);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));

        var text = responseBody.ToArray();
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            json = null;
        }
        return new HttpAnswer(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers, json, text, _log.Last);
    }

    /// <summary>Keeps the exception the pipeline logged, so a 500 in a failure message says where it came from.</summary>
    private sealed class FailureLog : ILogger<ApiPipeline>
    {
        public Exception? Last;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Last = exception ?? Last;
    }
}

public sealed record FuzzRequest(string Method, string? ContentType, byte[] Body, string? Authorization = null, bool DeclareLength = true)
{
    /// <summary>How the case looks in a failure message: enough to see what was sent.</summary>
    public override string ToString()
    {
        var shown = Body.Length <= 600 ? Body : Body[..600];
        return $"{Method} Content-Type: {Cut(ContentType) ?? "(none)"}; Authorization: {Cut(Authorization) ?? "(none)"}; {Body.Length} bytes: "
            + JsonSerializer.Serialize(System.Text.Encoding.UTF8.GetString(shown)) + (Body.Length > shown.Length ? "…" : "");
    }

    private static string? Cut(string? header) => header is { Length: > 120 } ? $"{header[..120]}… ({header.Length} chars)" : header;
}

public sealed record HttpAnswer(int Status, string? ContentType, IHeaderDictionary Headers, JsonNode? Json, byte[] Raw, Exception? Logged = null);

/// <summary>A queue that keeps what it is sent, as the storage queue would.</summary>
public sealed class RecordingQueue : ITelemetryQueue
{
    private readonly ConcurrentQueue<BinaryData> _messages = new();

    public Task<SentMessage> SendAsync(string vehicleId, BinaryData message, CancellationToken cancellationToken = default)
    {
        _messages.Enqueue(message);
        return Task.FromResult(new SentMessage(Guid.NewGuid().ToString("N"), "receipt"));
    }

    public Task DeleteAsync(SentMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>Takes every message sent since the last call.</summary>
    public List<BinaryData> Drain()
    {
        var list = new List<BinaryData>();
        while (_messages.TryDequeue(out var m))
            list.Add(m);
        return list;
    }
}
