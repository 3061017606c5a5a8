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
    public async Task<Vehicle> UpdateVehicleAsync(string vehicleId, string nickname, CancellationToken cancellationToken = default) =>
        (await _api.CallAsync("update_vehicle", new UpdateVehicleRequest(vehicleId, nickname), ClientJson.Default.UpdateVehicleRequest, ClientJson.Default.VehicleAnswer, cancellationToken).ConfigureAwait(false)).Vehicle;

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
        var request = new HistoryRequest(vehicleId, from.ToUnixTimeSeconds(), to.ToUnixTimeSeconds(), limit, cursor);
        var answer = await _api.CallAsync("get_history", request, ClientJson.Default.HistoryRequest, ClientJson.Default.HistoryAnswer, cancellationToken).ConfigureAwait(false);
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

    /// <summary>A pusher that gathers this vehicle's snapshots and sends them in pushes of up to 1,000.</summary>
    public TelemetryPusher CreatePusher(string vehicleId, TelemetryPusherOptions? options = null) =>
        new(this, vehicleId, options ?? new TelemetryPusherOptions(), _time);

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
