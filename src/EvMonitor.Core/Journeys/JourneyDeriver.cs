using Azure;
using Azure.Data.Tables;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.Caching.Memory;

namespace EvMonitor.Journeys;

/// <summary>
/// Plans the writes that keep a vehicle's trips and charging sessions (see <see cref="JourneyRows"/>)
/// in step with its stored snapshots, so that whatever order, split or repetition the snapshots
/// arrive in, the runs are those <see cref="JourneySegmenter"/> makes of every stored snapshot.
/// <see cref="TelemetryTable"/> submits each plan with the <c>latest</c> row that holds the head,
/// one vehicle at a time per instance.
/// </summary>
/// <remarks>
/// <para>Snapshots entirely after the newest one derived so far (a live drive) are appended: the
/// open run's summary is merged with theirs, nothing else is read, and the plan goes into the same
/// transaction as the snapshots' own rows. Anything else (late data, a re-push) is recomputed after
/// the snapshots are written, a cluster at a time (no two consecutive snapshots more than twice the
/// gap apart): the runs within a gap of the cluster and the stored snapshots they span are read,
/// segmented again and replace those runs.</para>
/// <para>Appending trusts that no snapshot between the newest derived one and the new ones is
/// stored but not yet derived. When another instance's message breaks that, that message's
/// derivation comes later, finds its snapshots before the newest derived one, and recomputes their
/// neighbourhood from storage; likewise a snapshot appended from a message that a later push had
/// already replaced.</para>
/// </remarks>
public sealed class JourneyDeriver(StorageClients storage, JourneyOptions options)
{
    /// <summary>Points appended in one plan: each may start a run, and a transaction holds 100 operations.</summary>
    public const int AppendChunk = 90;

    private TableClient Table(string vehicleId) => storage.TelemetryTableOf(vehicleId);
    private readonly JourneyStore _runs = new(storage);

    /// <summary>The open run per vehicle as last written here, so a live drive costs no read.</summary>
    private readonly MemoryCache _open = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private static readonly MemoryCacheEntryOptions KeptFor = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };

    /// <summary>True when snapshots from <paramref name="firstTime"/> on only extend what was derived.</summary>
    public static bool Extends(JourneyHead? head, long firstTime) => head is null || head.Known && firstTime > head.LastTime;

    /// <summary>A conflict with another writer of the vehicle's rows: planning again from storage settles it.</summary>
    public static bool IsConflict(Exception e) =>
        e is TableTransactionFailedException { Status: 404 or 409 or 412 } or RequestFailedException { Status: 404 or 409 or 412 } or DerivedRowsMovedException;

    public static List<JourneyPoint> Points(IEnumerable<Snapshot> snapshots) => [.. snapshots.Select(JourneyPoint.From).OfType<JourneyPoint>()];

    /// <param name="snapshots">In time order, one per time.</param>
    public IEnumerable<List<Snapshot>> Clusters(List<Snapshot> snapshots)
    {
        var cluster = new List<Snapshot>();
        foreach (var s in snapshots)
        {
            if (cluster.Count > 0 && s.Timestamp - cluster[^1].Timestamp > 2 * options.GapSeconds)
            {
                yield return cluster;
                cluster = [];
            }
            cluster.Add(s);
        }
        if (cluster.Count > 0)
            yield return cluster;
    }

    /// <summary>Merges <paramref name="points"/>, all after the head, into the open run and new runs after it.</summary>
    /// <exception cref="DerivedRowsMovedException">The open run the head names is not stored: another instance changed it.</exception>
    public async Task<JourneyPlan> PlanAppendAsync(string vehicleId, JourneyHead? head, IReadOnlyList<JourneyPoint> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
            return new JourneyPlan([], head, null);
        var open = await OpenRunAsync(vehicleId, head, cancellationToken);
        var actions = new List<TableTransactionAction>();
        var current = open?.Summary;
        var previous = current?.Last;
        var runs = new List<JourneySummary>();
        foreach (var p in points)
        {
            if (current is not null && previous is not null && JourneySegmenter.Continues(previous, p, options.Gap))
            {
                current = JourneySummary.Merge(current, JourneySummary.Of(p));
            }
            else
            {
                if (current is not null && !ReferenceEquals(current, open?.Summary))
                    runs.Add(current);
                current = JourneyKinds.Of(p.State) == JourneyKind.None ? null : JourneySummary.Of(p);
            }
            previous = p;
        }
        if (current is not null && !ReferenceEquals(current, open?.Summary))
            runs.Add(current);

        // The open run was extended when its summary changed: it moves to the key of its new end.
        if (open is not null && runs.Count > 0 && runs[0].Start == open.Summary.Start)
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(vehicleId, open.RowKey), open.ETag));
        foreach (var run in runs)
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, JourneyRows.ToEntity(vehicleId, run)));
        var last = points[^1];
        return new JourneyPlan(actions, new JourneyHead(last.Time, JourneyKinds.Of(last.State), Known: true), current);
    }

    /// <summary>Segments again, from stored snapshots, every run within a gap of [first, last] and the stretch they span.</summary>
    public async Task<JourneyPlan> PlanRecomputeAsync(string vehicleId, JourneyHead head, long first, long last, CancellationToken cancellationToken)
    {
        var old = new List<StoredRun>();
        foreach (var prefix in new[] { JourneyRows.TripPrefix, JourneyRows.ChargePrefix })
            old.AddRange(await _runs.ReadRunsAsync(vehicleId, prefix, first - options.GapSeconds, last + options.GapSeconds, int.MaxValue, cancellationToken));
        var from = Math.Min(first, old.Count > 0 ? old.Min(r => r.Summary.Start) : first);
        var to = Math.Max(last, old.Count > 0 ? old.Max(r => r.Summary.End) : last);
        var points = await ReadPointsAsync(vehicleId, from, to, cancellationToken);
        var runs = JourneySegmenter.Runs(points, options.Gap);

        var actions = new List<TableTransactionAction>();
        var oldByKey = old.ToDictionary(r => r.RowKey, StringComparer.Ordinal);
        var newByKey = runs.ToDictionary(r => JourneyRows.RunKey(r.Kind, r.End), StringComparer.Ordinal);
        foreach (var r in old.Where(r => !newByKey.ContainsKey(r.RowKey)))
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(vehicleId, r.RowKey), r.ETag));
        foreach (var (key, run) in newByKey)
        {
            if (!oldByKey.TryGetValue(key, out var stored))
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, JourneyRows.ToEntity(vehicleId, run)));
            else if (JourneyRows.Serialize(stored.Summary) != JourneyRows.Serialize(run))
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, JourneyRows.ToEntity(vehicleId, run), stored.ETag));
        }
        if (actions.Count > TableBatches.MaxActions - 1)
            throw new InvalidOperationException($"Late data for vehicle {vehicleId} from {first} to {last} changes {actions.Count} trips and sessions at once; at most {TableBatches.MaxActions - 1} are derived together.");

        // Past the newest derived snapshot, the stretch read holds the newest snapshot with a state.
        var newHead = head;
        if (to >= head.LastTime)
        {
            newHead = points.Count > 0
                ? new JourneyHead(points[^1].Time, JourneyKinds.Of(points[^1].State), Known: true)
                : new JourneyHead(to, JourneyKind.None, Known: false);
        }
        // Which run is open now is not worked out here: the next append reads it.
        return new JourneyPlan(actions, newHead, null);
    }

    /// <summary>Remembers the open run as <paramref name="plan"/> left it, with the ETag the transaction gave it.</summary>
    /// <param name="responses">The transaction's answers; the plan's actions start at <paramref name="firstAction"/>.</param>
    public void Committed(string vehicleId, JourneyPlan plan, IReadOnlyList<Response> responses, int firstAction)
    {
        if (plan.Actions.Count == 0)
            return; // the open run is as it was
        if (plan.NewOpen is not { } open)
        {
            _open.Remove(vehicleId);
            return;
        }
        var key = JourneyRows.RunKey(open.Kind, open.End);
        var index = plan.Actions.ToList().FindIndex(a => a.ActionType == TableTransactionActionType.Add && a.Entity.RowKey == key);
        if (index >= 0 && responses[firstAction + index].Headers.ETag is { } etag)
            _open.Set(vehicleId, new StoredRun(key, etag, open), KeptFor);
        else
            _open.Remove(vehicleId);
    }

    public void Forget(string vehicleId) => _open.Remove(vehicleId);

    private async Task<StoredRun?> OpenRunAsync(string vehicleId, JourneyHead? head, CancellationToken cancellationToken)
    {
        if (head is not { Known: true } || head.LastKind == JourneyKind.None)
            return null;
        var key = JourneyRows.RunKey(head.LastKind, head.LastTime);
        if (_open.TryGetValue(vehicleId, out StoredRun? known) && known!.RowKey == key)
            return known;
        var read = await Table(vehicleId).GetEntityIfExistsAsync<TableEntity>(vehicleId, key, cancellationToken: cancellationToken);
        if (!read.HasValue)
            throw new DerivedRowsMovedException();
        var open = JourneyRows.FromEntity(read.Value!);
        _open.Set(vehicleId, open, KeptFor);
        return open;
    }

    /// <summary>The stored snapshots with a state measured from <paramref name="from"/> to <paramref name="to"/>, in time order.</summary>
    private async Task<List<JourneyPoint>> ReadPointsAsync(string vehicleId, long from, long to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {vehicleId} and RowKey ge {TelemetryRows.SnapshotKey(from)} and RowKey lt {TelemetryRows.SnapshotKey(to + 1)}");
        var points = new List<JourneyPoint>();
        TableEntity? current = null;
        var components = new List<TableEntity>();
        await foreach (var row in Table(vehicleId).QueryAsync<TableEntity>(filter, 1000, JourneyPoint.Columns, cancellationToken))
        {
            if (row.GetString("Kind") == TelemetryRows.KindSnapshot)
            {
                if (current is not null && JourneyPoint.From(current, components) is { } point)
                    points.Add(point);
                current = row;
                components.Clear();
            }
            else if (current is not null && TelemetryRows.IsComponentOf(row.RowKey, current.RowKey))
            {
                components.Add(row);
            }
        }
        if (current is not null && JourneyPoint.From(current, components) is { } lastPoint)
            points.Add(lastPoint);
        return points;
    }
}

/// <summary>
/// Writes for a vehicle's trips and sessions, to be submitted with the <c>latest</c> row carrying
/// <see cref="NewHead"/>; <see cref="NewOpen"/> is the run still open after them, if known.
/// </summary>
public sealed record JourneyPlan(IReadOnlyList<TableTransactionAction> Actions, JourneyHead? NewHead, JourneySummary? NewOpen);

/// <summary>A trip or session the plan was made from changed in between: the plan is made again from storage.</summary>
public sealed class DerivedRowsMovedException() : Exception("A trip or charging session changed while it was derived; it is derived again.");
