using System.Net;
using System.Runtime.CompilerServices;
using EvMonitor.Client.Wire;

namespace EvMonitor.Client;

/// <summary>
/// The EV-Monitor API as typed methods, one per endpoint. The client logs in by itself with the
/// options' credentials and again before the 10-minute token runs out; errors come as
/// <see cref="EvMonitorApiException"/>. Safe to share between threads; keep one per user.
/// </summary>
public sealed class EvMonitorClient
{
    private readonly ApiConnection _api;
    private readonly TimeProvider _time;

    /// <param name="http">Sends the requests; its lifetime is the caller's (an <c>IHttpClientFactory</c> client, or one shared instance).</param>
    /// <param name="options">The API root, the credentials, the retry limits.</param>
    /// <param name="time">The clock for token renewal and retry waits; the system clock when null.</param>
    public EvMonitorClient(HttpClient http, EvMonitorClientOptions options, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _api = new ApiConnection(http, options, _time);
    }

    /// <summary><c>login</c>: a new token for the options' credentials, used by every later call. Calling it is optional: any call logs in when it needs to.</summary>
    public Task<AccessToken> LoginAsync(CancellationToken cancellationToken = default) => _api.LoginAsync(cancellationToken);

    /// <summary>
    /// <c>logout</c>: revokes the client's current token on every instance of the service (the
    /// user's other tokens keep working). The next call logs in again.
    /// </summary>
    public Task LogoutAsync(CancellationToken cancellationToken = default) => _api.LogoutAsync(cancellationToken);

    /// <summary><c>register</c>: creates an account (no login needed) and returns its user id.</summary>
    public async Task<string> RegisterAsync(string username, string password, string? name = null, CancellationToken cancellationToken = default) =>
        (await _api.CallAsync("register", new RegisterRequest(username, password, name), ClientJson.Default.RegisterRequest, ClientJson.Default.RegisterAnswer, cancellationToken, authenticated: false).ConfigureAwait(false)).UserId;

    /// <summary><c>get_vehicles</c>: the user's vehicles.</summary>
    public async Task<IReadOnlyList<Vehicle>> GetVehiclesAsync(CancellationToken cancellationToken = default) =>
        (await _api.CallAsync("get_vehicles", new NoFields(), ClientJson.Default.NoFields, ClientJson.Default.VehiclesAnswer, cancellationToken).ConfigureAwait(false)).Vehicles;

    /// <summary><c>get_make</c>: the name of a make id.</summary>
    public async Task<string> GetMakeAsync(string makeId, CancellationToken cancellationToken = default) =>
        (await _api.CallAsync("get_make", new MakeRequest(makeId), ClientJson.Default.MakeRequest, ClientJson.Default.NameAnswer, cancellationToken).ConfigureAwait(false)).Name;

    /// <summary><c>get_model</c>: the name of a model id.</summary>
    public async Task<string> GetModelAsync(string modelId, CancellationToken cancellationToken = default) =>
        (await _api.CallAsync("get_model", new ModelRequest(modelId), ClientJson.Default.ModelRequest, ClientJson.Default.NameAnswer, cancellationToken).ConfigureAwait(false)).Name;

    /// <summary><c>get_makes</c>: every make, ordered by name.</summary>
    public async Task<IReadOnlyList<VehicleMake>> GetMakesAsync(CancellationToken cancellationToken = default) =>
        (await _api.CallAsync("get_makes", new NoFields(), ClientJson.Default.NoFields, ClientJson.Default.MakesAnswer, cancellationToken).ConfigureAwait(false)).Makes;

    /// <summary><c>get_models</c>: the models of one make, or every model when <paramref name="makeId"/> is null.</summary>
    public async Task<IReadOnlyList<VehicleModel>> GetModelsAsync(string? makeId = null, CancellationToken cancellationToken = default) =>
        (await _api.CallAsync("get_models", new MakeRequest(makeId), ClientJson.Default.MakeRequest, ClientJson.Default.ModelsAnswer, cancellationToken).ConfigureAwait(false)).Models;

    /// <summary><c>add_vehicle</c>: adds a vehicle. Not safe to repeat: after a lost answer, look at <see cref="GetVehiclesAsync"/> first.</summary>
    public async Task<Vehicle> AddVehicleAsync(string makeId, string modelId, string nickname, string? plan = null, CancellationToken cancellationToken = default) =>
        (await _api.CallAsync("add_vehicle", new AddVehicleRequest(makeId, modelId, nickname, plan), ClientJson.Default.AddVehicleRequest, ClientJson.Default.VehicleAnswer, cancellationToken).ConfigureAwait(false)).Vehicle;

    /// <summary><c>update_vehicle</c>: renames a vehicle and returns it as now stored.</summary>
    public Task<Vehicle> UpdateVehicleAsync(string vehicleId, string nickname, CancellationToken cancellationToken = default) =>
        UpdateVehicleAsync(vehicleId, nickname, timeZone: null, cancellationToken);

    /// <summary>
    /// <c>update_vehicle</c>: renames a vehicle and/or sets its IANA <paramref name="timeZone"/>
    /// (<c>Europe/Rome</c>, in which <see cref="GetStatsAsync"/> starts days and months); a null
    /// value is kept as stored. Returns the vehicle as now stored.
    /// </summary>
    public async Task<Vehicle> UpdateVehicleAsync(string vehicleId, string? nickname, string? timeZone, CancellationToken cancellationToken = default)
    {
        if (nickname is null && timeZone is null)
            throw new ArgumentException("Give a nickname, a time zone or both.", nameof(nickname));
        var request = new UpdateVehicleRequest(vehicleId, nickname, timeZone);
        return (await _api.CallAsync("update_vehicle", request, ClientJson.Default.UpdateVehicleRequest, ClientJson.Default.VehicleAnswer, cancellationToken).ConfigureAwait(false)).Vehicle;
    }

    /// <summary><c>delete_vehicle</c>: deletes a vehicle and all of its telemetry, for good.</summary>
    public Task DeleteVehicleAsync(string vehicleId, CancellationToken cancellationToken = default) =>
        _api.CallAsync("delete_vehicle", new VehicleRequest(vehicleId), ClientJson.Default.VehicleRequest, ClientJson.Default.VehicleIdAnswer, cancellationToken);

    /// <summary>
    /// <c>push</c>: sends up to 1,000 snapshots as one all-or-nothing push and returns how many
    /// were accepted. For a stream of snapshots use <see cref="CreatePusher"/>.
    /// </summary>
    /// <exception cref="PushRejectedException">The service refused the push's content; nothing of it was stored.</exception>
    public Task<int> PushAsync(string vehicleId, IReadOnlyList<TelemetrySnapshot> snapshots, string? userAgent = null, CancellationToken cancellationToken = default)
    {
        if (snapshots.Count is 0 or > PushBody.MaxSnapshots)
            throw new ArgumentException($"A push carries 1 to {PushBody.MaxSnapshots} snapshots; this one has {snapshots.Count}.", nameof(snapshots));
        return PushSerializedAsync(vehicleId, userAgent, snapshots, snapshots.Select(PushBody.Snapshot), cancellationToken);
    }

    /// <summary><c>get_latest</c>: the vehicle's newest stored snapshot, or null while none is stored.</summary>
    public async Task<StoredSnapshot?> GetLatestAsync(string vehicleId, CancellationToken cancellationToken = default) =>
        (await _api.CallAsync("get_latest", new VehicleRequest(vehicleId), ClientJson.Default.VehicleRequest, ClientJson.Default.LatestAnswer, cancellationToken).ConfigureAwait(false)).Snapshot?.ToSnapshot();

    /// <summary>
    /// <c>get_history</c>: one page of the snapshots measured from <paramref name="from"/> to
    /// <paramref name="to"/>, both inclusive, in whole seconds. Pass the page's
    /// <see cref="HistoryPage.NextCursor"/> with the same range and limit for the next page.
    /// <paramref name="limit"/> is the snapshots per page, 1–1000; the service's default (100) when null.
    /// </summary>
    public async Task<HistoryPage> GetHistoryPageAsync(
        string vehicleId, DateTimeOffset from, DateTimeOffset to, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var answer = await _api.CallAsync("get_history", PageRequest(vehicleId, from, to, limit, cursor), ClientJson.Default.HistoryRequest, ClientJson.Default.HistoryAnswer, cancellationToken).ConfigureAwait(false);
        return new HistoryPage(answer.Snapshots.Select(s => s.ToSnapshot()).ToList(), answer.NextCursor);
    }

    /// <summary><c>get_history</c>, every page: each snapshot of the range once, oldest first.</summary>
    public async IAsyncEnumerable<StoredSnapshot> ReadHistoryAsync(
        string vehicleId, DateTimeOffset from, DateTimeOffset to, int pageSize = 1000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        do
        {
            var page = await GetHistoryPageAsync(vehicleId, from, to, pageSize, cursor, cancellationToken).ConfigureAwait(false);
            foreach (var snapshot in page.Snapshots)
                yield return snapshot;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>
    /// <c>get_trips</c>: one page of the trips overlapping <paramref name="from"/>–<paramref name="to"/>, in time order.
    /// <paramref name="limit"/> is the trips per page, 1–500; the service's default (100) when null.
    /// </summary>
    public async Task<JourneyPage<Trip>> GetTripsPageAsync(
        string vehicleId, DateTimeOffset from, DateTimeOffset to, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var answer = await _api.CallAsync("get_trips", PageRequest(vehicleId, from, to, limit, cursor), ClientJson.Default.HistoryRequest, ClientJson.Default.TripsAnswer, cancellationToken).ConfigureAwait(false);
        return new JourneyPage<Trip>(answer.Trips, answer.NextCursor);
    }

    /// <summary><c>get_trips</c>, every page: each trip overlapping the range once, in time order.</summary>
    public IAsyncEnumerable<Trip> ReadTripsAsync(string vehicleId, DateTimeOffset from, DateTimeOffset to, int pageSize = 500, CancellationToken cancellationToken = default) =>
        ReadPagesAsync((cursor, ct) => GetTripsPageAsync(vehicleId, from, to, pageSize, cursor, ct), cancellationToken);

    /// <summary>
    /// <c>get_charges</c>: one page of the charging sessions overlapping <paramref name="from"/>–<paramref name="to"/>, in time order.
    /// <paramref name="limit"/> is the sessions per page, 1–500; the service's default (100) when null.
    /// </summary>
    public async Task<JourneyPage<ChargingSession>> GetChargesPageAsync(
        string vehicleId, DateTimeOffset from, DateTimeOffset to, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default)
    {
        var answer = await _api.CallAsync("get_charges", PageRequest(vehicleId, from, to, limit, cursor), ClientJson.Default.HistoryRequest, ClientJson.Default.ChargesAnswer, cancellationToken).ConfigureAwait(false);
        return new JourneyPage<ChargingSession>(answer.Charges, answer.NextCursor);
    }

    /// <summary><c>get_charges</c>, every page: each charging session overlapping the range once, in time order.</summary>
    public IAsyncEnumerable<ChargingSession> ReadChargesAsync(string vehicleId, DateTimeOffset from, DateTimeOffset to, int pageSize = 500, CancellationToken cancellationToken = default) =>
        ReadPagesAsync((cursor, ct) => GetChargesPageAsync(vehicleId, from, to, pageSize, cursor, ct), cancellationToken);

    /// <summary>
    /// <c>get_stats</c>: every day or month, in the vehicle's time zone, from the one holding
    /// <paramref name="from"/> to the one holding <paramref name="to"/> (at most 93 days or 24 months),
    /// with the trips and sessions that started in it.
    /// </summary>
    public async Task<VehicleStats> GetStatsAsync(string vehicleId, DateTimeOffset from, DateTimeOffset to, StatsPeriod period, CancellationToken cancellationToken = default)
    {
        var request = new StatsRequest(vehicleId, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds(), period == StatsPeriod.Month ? "month" : "day");
        var answer = await _api.CallAsync("get_stats", request, ClientJson.Default.StatsRequest, ClientJson.Default.StatsAnswer, cancellationToken).ConfigureAwait(false);
        return new VehicleStats(answer.VehicleId, period, answer.TimeZone, answer.Periods);
    }

    /// <summary>
    /// <c>export</c>: the snapshots (CSV) or trips (GPX) of <paramref name="from"/>–<paramref name="to"/>
    /// (at most 31 days) as a file, returned as soon as its headers arrive and read from the network
    /// as the service writes it. Dispose the file when done. Errors found before the file starts
    /// (fields, token, vehicle, storage) throw <see cref="EvMonitorApiException"/> as for any call.
    /// </summary>
    public async Task<ExportFile> ExportAsync(string vehicleId, DateTimeOffset from, DateTimeOffset to, ExportFormat format, CancellationToken cancellationToken = default)
    {
        var request = new ExportRequest(vehicleId, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds(), format == ExportFormat.Gpx ? "gpx" : "csv");
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request, ClientJson.Default.ExportRequest);
        var response = await _api.SendForFileAsync("export", body, cancellationToken).ConfigureAwait(false);
        try
        {
            return new ExportFile(response, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary><c>export</c>, copied into <paramref name="destination"/> as it arrives; returns the service's file name.</summary>
    /// <exception cref="IOException">The service or the connection failed part-way: what was copied is incomplete.</exception>
    public async Task<string?> ExportToAsync(string vehicleId, DateTimeOffset from, DateTimeOffset to, ExportFormat format, Stream destination, CancellationToken cancellationToken = default)
    {
        await using var file = await ExportAsync(vehicleId, from, to, format, cancellationToken).ConfigureAwait(false);
        await file.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        return file.FileName;
    }

    /// <summary><c>get_vehicle_health</c>: how the vehicle's data is arriving: lags, counts, refused pushes.</summary>
    public Task<VehicleHealth> GetVehicleHealthAsync(string vehicleId, CancellationToken cancellationToken = default) =>
        _api.CallAsync("get_vehicle_health", new VehicleRequest(vehicleId), ClientJson.Default.VehicleRequest, ClientJson.Default.VehicleHealth, cancellationToken);

    /// <summary>
    /// <c>health</c> (<c>GET</c>, no login): whether the service's storage answers. A service whose
    /// storage is down answers <c>503</c> with the same fields: that is returned, with
    /// <see cref="ServiceHealth.IsHealthy"/> false, not thrown.
    /// </summary>
    public Task<ServiceHealth> GetHealthAsync(CancellationToken cancellationToken = default) =>
        _api.GetAsync("health", (response, content) =>
            response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable && ApiConnection.TryRead(content, ClientJson.Default.ServiceHealth) is { Version: not null } health
                ? (true, health)
                : (false, null!), cancellationToken);

    /// <summary><c>openapi.json</c> (<c>GET</c>, no login): the service's OpenAPI 3.1 document, as JSON text.</summary>
    public Task<string> GetOpenApiDocumentAsync(CancellationToken cancellationToken = default) =>
        _api.GetAsync("openapi.json", (response, content) =>
            response.IsSuccessStatusCode ? (true, System.Text.Encoding.UTF8.GetString(content)) : (false, ""), cancellationToken);

    /// <summary>A pusher that gathers this vehicle's snapshots and sends them in pushes of up to 1,000.</summary>
    public TelemetryPusher CreatePusher(string vehicleId, TelemetryPusherOptions? options = null) =>
        new(this, vehicleId, options ?? new TelemetryPusherOptions(), _time);

    private static HistoryRequest PageRequest(string vehicleId, DateTimeOffset from, DateTimeOffset to, int? limit, string? cursor) =>
        new(vehicleId, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds(), limit, cursor);

    private static async IAsyncEnumerable<T> ReadPagesAsync<T>(
        Func<string?, CancellationToken, Task<JourneyPage<T>>> page, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var next = await page(cursor, cancellationToken).ConfigureAwait(false);
            foreach (var item in next.Items)
                yield return item;
            cursor = next.NextCursor;
        }
        while (cursor is not null);
    }

    internal async Task<int> PushSerializedAsync(
        string vehicleId, string? userAgent, IReadOnlyList<TelemetrySnapshot> snapshots, IEnumerable<byte[]> json, CancellationToken cancellationToken)
    {
        var body = PushBody.Compose(vehicleId, userAgent, json);
        try
        {
            var (answer, _) = await _api.SendAsync("push", body, ClientJson.Default.PushAnswer, authenticated: true, cancellationToken).ConfigureAwait(false);
            return answer.Accepted;
        }
        catch (EvMonitorApiException e) when (e.Status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
        {
            throw new PushRejectedException(e, snapshots);
        }
    }
}
