using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EvMonitor.Client.Wire;

namespace EvMonitor.Client;

/// <summary>
/// Sends one request and reads its answer: adds the token (logging in first when the current one
/// is near its end, and once more when the service says it expired), turns error answers into
/// <see cref="EvMonitorApiException"/>, and sends again after <c>429</c> and <c>503</c> as
/// <c>Retry-After</c> says, within <see cref="EvMonitorClientOptions.MaxRetries"/> and
/// <see cref="EvMonitorClientOptions.MaxRetryWait"/>.
/// </summary>
internal sealed class ApiConnection
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly EvMonitorClientOptions _options;
    private readonly TimeProvider _time;
    private readonly Uri _baseAddress;
    private readonly SemaphoreSlim _loginGate = new(1, 1);
    private Session? _session;

    // RenewAt is by the local clock: when to log in again rather than use this token.
    private sealed record Session(AccessToken Token, DateTimeOffset RenewAt);

    public ApiConnection(HttpClient http, EvMonitorClientOptions options, TimeProvider time)
    {
        _http = http;
        _options = options;
        _time = time;
        var baseAddress = options.BaseAddress ?? http.BaseAddress
            ?? throw new ArgumentException("Set EvMonitorClientOptions.BaseAddress (or the HttpClient's BaseAddress) to the API root, e.g. https://host/api/.", nameof(options));
        // Relative endpoint names resolve under the root only when it ends with a slash.
        _baseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
    }

    public async Task<TAnswer> CallAsync<TRequest, TAnswer>(
        string endpoint, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TAnswer> answerType, CancellationToken cancellationToken, bool authenticated = true)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        return (await SendAsync(endpoint, body, answerType, authenticated, cancellationToken).ConfigureAwait(false)).Answer;
    }

    public async Task<AccessToken> LoginAsync(CancellationToken cancellationToken)
    {
        await _loginGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _session = await NewSessionAsync(cancellationToken).ConfigureAwait(false);
            return _session.Token;
        }
        finally
        {
            _loginGate.Release();
        }
    }

    /// <summary>Revokes the current token, if there is one; the next call logs in again.</summary>
    public async Task LogoutAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _session, null) is not { } session)
            return;
        // A token the service no longer takes (expired, or revoked already) is as good as revoked.
        await SendAsync(HttpMethod.Post, "logout", "{}"u8.ToArray(), session,
            (response, content) => (IsOk(response, content) || response.StatusCode == System.Net.HttpStatusCode.Unauthorized, 0), cancellationToken).ConfigureAwait(false);
    }

    public Task<(TAnswer Answer, DateTimeOffset? Date)> SendAsync<TAnswer>(
        string endpoint, byte[] body, JsonTypeInfo<TAnswer> answerType, bool authenticated, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, endpoint, body, authenticated ? null : NoLogin,
            (response, content) => IsOk(response, content) && TryRead(content, answerType) is { } answer ? (true, (answer, response.Headers.Date)) : (false, default),
            cancellationToken);

    /// <summary>
    /// Sends a request whose OK answer is a file, and hands over that answer unread: only its
    /// headers have arrived. Error answers are JSON and are read and retried as for any call.
    /// </summary>
    public Task<HttpResponseMessage> SendForFileAsync(string endpoint, byte[] body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, endpoint, body, null, (response, _) => (response.IsSuccessStatusCode && !IsJson(response), response), cancellationToken, readOkBody: false);

    /// <summary>An anonymous <c>GET</c>; <paramref name="read"/> decides from the status and body whether the answer is the result.</summary>
    public Task<T> GetAsync<T>(string endpoint, Func<HttpResponseMessage, byte[], (bool Done, T Result)> read, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, endpoint, null, NoLogin, read, cancellationToken);

    // Stands for "send without a token" where a session is expected.
    private static readonly Session NoLogin = new(new AccessToken("", DateTimeOffset.MinValue), DateTimeOffset.MaxValue);

    // fixedSession: the session to send with (NoLogin: none); null: the current one, logging in when needed.
    // read: from an answer's status and body, whether it is the result, and the result.
    // readOkBody false: a 2xx answer goes to read with its body unread, and is not disposed when it is the result.
    private async Task<T> SendAsync<T>(
        HttpMethod method, string endpoint, byte[]? body, Session? fixedSession, Func<HttpResponseMessage, byte[], (bool Done, T Result)> read,
        CancellationToken cancellationToken, bool readOkBody = true)
    {
        var retries = 0;
        var renewedAfterExpiry = false;
        while (true)
        {
            var session = fixedSession ?? await CurrentSessionAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, new Uri(_baseAddress, endpoint));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = JsonType;
            }
            if (session != NoLogin)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.Token.Token);

            // A JSON answer is read whole within the HttpClient's Timeout; a file is handed over once its headers are in.
            var completion = readOkBody ? HttpCompletionOption.ResponseContentRead : HttpCompletionOption.ResponseHeadersRead;
            HttpResponseMessage? response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
            EvMonitorApiException error;
            try
            {
                if (!readOkBody && response.IsSuccessStatusCode && read(response, []) is (true, var file))
                {
                    response = null;
                    return file;
                }
                var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if (read(response, content) is (true, var result))
                    return result;
                error = ToException(response, content);
            }
            finally
            {
                response?.Dispose();
            }

            if (session != NoLogin && fixedSession is null && error.Code == ErrorCodes.TokenExpired && !renewedAfterExpiry)
            {
                // The local clock may run slow, or the service may have restarted its count: log in once more.
                renewedAfterExpiry = true;
                Interlocked.CompareExchange(ref _session, null, session);
                continue;
            }
            var wait = error.RetryAfter ?? TimeSpan.FromSeconds(1 << Math.Min(retries, 10));
            if (!error.IsRetryable || retries >= _options.MaxRetries || wait > _options.MaxRetryWait)
                throw error;
            retries++;
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsOk(HttpResponseMessage response, byte[] content) =>
        response.IsSuccessStatusCode && TryRead(content, ClientJson.Default.Answer) is { Success: "OK" };

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is "application/json";

    private async Task<Session> CurrentSessionAsync(CancellationToken cancellationToken)
    {
        if (_session is { } current && _time.GetUtcNow() < current.RenewAt)
            return current;
        await _loginGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another call may have logged in while this one waited.
            if (_session is { } renewed && _time.GetUtcNow() < renewed.RenewAt)
                return renewed;
            return _session = await NewSessionAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _loginGate.Release();
        }
    }

    private async Task<Session> NewSessionAsync(CancellationToken cancellationToken)
    {
        if (_options.Username is null || _options.Password is null)
            throw new InvalidOperationException("Set EvMonitorClientOptions.Username and Password: this call needs a login.");
        var sentAt = _time.GetUtcNow();
        var body = JsonSerializer.SerializeToUtf8Bytes(new LoginRequest(_options.Username, _options.Password), ClientJson.Default.LoginRequest);
        var (answer, serverDate) = await SendAsync("login", body, ClientJson.Default.LoginAnswer, authenticated: false, cancellationToken).ConfigureAwait(false);

        // "expires" is by the service's clock; the token's lifetime, measured against the answer's
        // Date, is what carries over to the local clock (which may be minutes off).
        var expires = DateTimeOffset.FromUnixTimeSeconds(answer.Expires);
        var lifetime = expires - (serverDate ?? sentAt);
        var renewAfter = lifetime - _options.RenewBeforeExpiry;
        if (renewAfter < lifetime / 2)
            renewAfter = lifetime / 2;
        return new Session(new AccessToken(answer.Token, expires), sentAt + renewAfter);
    }

    public static TAnswer? TryRead<TAnswer>(byte[] content, JsonTypeInfo<TAnswer> type)
    {
        try
        {
            return JsonSerializer.Deserialize(content, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private EvMonitorApiException ToException(HttpResponseMessage response, byte[] content)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
            _ => (TimeSpan?)null,
        };
        return TryRead(content, ClientJson.Default.ErrorAnswer) is { Code: { } code } error
            ? new EvMonitorApiException(response.StatusCode, code, error.Error ?? code, error.Errors, retryAfter)
            : new EvMonitorApiException(response.StatusCode, ErrorCodes.UnexpectedAnswer,
                $"The service answered {(int)response.StatusCode} {response.ReasonPhrase} without an EV-Monitor answer body.", retryAfter: retryAfter);
    }
}
