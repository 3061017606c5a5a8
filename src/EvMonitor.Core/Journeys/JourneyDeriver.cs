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
/// open run's summary and the open hour's pieces (<see cref="JourneyHour"/>) are merged with theirs,
/// nothing else is read, and the plan goes into the same transaction as the snapshots' own rows.
/// Anything else (late data, a re-push) is recomputed after the snapshots are written, a cluster at a
/// time (consecutive minutes of one hour): the stored snapshots of the cluster's minutes are read and
/// cut into pieces again, and the runs within a gap of those minutes are chained again from the
/// pieces of the hours they span, a row per hour, so that the cost does not grow with a trip's
/// number of snapshots.</para>
/// <para>Appending trusts that no snapshot between the newest derived one and the new ones is
/// stored but not yet derived. When another instance's message breaks that, that message's
/// derivation comes later, finds its snapshots before the newest derived one, and recomputes their
/// minutes from storage; likewise a snapshot appended from a message that a later push had
/// already replaced.</para>
/// </remarks>
public sealed class JourneyDeriver(StorageClients storage, JourneyOptions options)
{
    /// <summary>
    /// Points appended in one plan: each may start a run (and the open one moves), and the plan
    /// also rewrites the open hour and that of a cluster: a transaction holds 100 operations.
    /// </summary>
    public const int AppendChunk = 90;

    private TableClient Table(string vehicleId) => storage.TelemetryTableOf(vehicleId);
    private readonly JourneyStore _runs = new(storage);

    /// <summary>The open run and open hour per vehicle as last written here, so a live drive costs no read.</summary>
    private readonly MemoryCache _open = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly MemoryCache _openHours = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private static readonly MemoryCacheEntryOptions KeptFor = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };

    /// <summary>True when snapshots from <paramref name="firstTime"/> on only extend what was derived.</summary>
    public static bool Extends(JourneyHead? head, long firstTime) => head is null || head.Known && firstTime > head.LastTime;

    /// <summary>A conflict with another writer of the vehicle's rows: planning again from storage settles it.</summary>
    public static bool IsConflict(Exception e) =>
        e is TableTransactionFailedException { Status: 404 or 409 or 412 } or RequestFailedException { Status: 404 or 409 or 412 } or DerivedRowsMovedException;

    public static List<JourneyPoint> Points(IEnumerable<Snapshot> snapshots) => [.. snapshots.Select(JourneyPoint.From).OfType<JourneyPoint>()];

    /// <summary>The snapshots in clusters of consecutive minutes within one hour: what one recomputation re-reads.</summary>
    /// <param name="snapshots">In time order, one per time.</param>
    public static IEnumerable<List<Snapshot>> Clusters(List<Snapshot> snapshots)
    {
        var cluster = new List<Snapshot>();
        foreach (var s in snapshots)
        {
            if (cluster.Count > 0 && (JourneyHour.MinuteOf(s.Timestamp) - JourneyHour.MinuteOf(cluster[^1].Timestamp) > JourneyHour.MinuteSeconds
                || JourneyHour.HourOf(s.Timestamp) != JourneyHour.HourOf(cluster[^1].Timestamp)))
            {
                yield return cluster;
                cluster = [];
            }
            cluster.Add(s);
        }
        if (cluster.Count > 0)
            yield return cluster;
    }

    /// <summary>Merges <paramref name="points"/>, all after the head, into the open run and hour and new ones after them.</summary>
    /// <exception cref="DerivedRowsMovedException">The open run or hour the head names is not stored: another instance changed it.</exception>
    public async Task<JourneyPlan> PlanAppendAsync(string vehicleId, JourneyHead? head, IReadOnlyList<JourneyPoint> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
            return new JourneyPlan([], head, null, null);
        var open = await OpenRunAsync(vehicleId, head, cancellationToken);
        var openHour = await OpenHourAsync(vehicleId, head, cancellationToken);
        var actions = new List<TableTransactionAction>();
        var current = open?.Summary;
        var previous = current?.Last;
        var runs = new List<JourneySummary>();
        var hour = openHour;
        var hours = new List<StoredHour>();
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

            // Hours after the open one hold nothing derived yet: they are new rows.
            if (hour?.Hour.Start != JourneyHour.HourOf(p.Time))
            {
                if (hour is not null && !ReferenceEquals(hour, openHour))
                    hours.Add(hour);
                hour = new StoredHour(null, JourneyHour.Empty(JourneyHour.HourOf(p.Time)));
            }
            hour = hour with { Hour = hour.Hour.Append(p, options.Gap) };
        }
        if (current is not null && !ReferenceEquals(current, open?.Summary))
            runs.Add(current);
        hours.Add(hour!);

        // The open run was extended when its summary changed: it moves to the key of its new end.
        if (open is not null && runs.Count > 0 && runs[0].Start == open.Summary.Start)
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(vehicleId, open.RowKey), open.ETag));
        foreach (var run in runs)
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, JourneyRows.ToEntity(vehicleId, run)));
        actions.AddRange(hours.Select(h => Write(vehicleId, h, h.Hour)));
        var last = points[^1];
        return new JourneyPlan(actions, new JourneyHead(last.Time, JourneyKinds.Of(last.State), Known: true), current, hour!.Hour);
    }

    /// <summary>
    /// Cuts the minutes of [<paramref name="first"/>, <paramref name="last"/>] (one hour) into pieces
    /// again from their stored snapshots, and chains again every run within a gap of those minutes.
    /// </summary>
    /// <remarks>
    /// Only runs with a snapshot within a gap of the minutes can change: any other keeps its snapshots
    /// and what comes before and after it. A run that changes keeps, outside the minutes, the
    /// snapshots of the stored run it meets within a gap of them, so the runs read span it; the hours'
    /// pieces from the first of those runs' hours to the last chain into it.
    /// </remarks>
    public async Task<JourneyPlan> PlanRecomputeAsync(string vehicleId, JourneyHead head, long first, long last, CancellationToken cancellationToken)
    {
        var start = JourneyHour.HourOf(first);
        if (JourneyHour.HourOf(last) != start)
            throw new ArgumentException($"Times {first} and {last} are not in one hour.", nameof(last));
        var (from, to) = (JourneyHour.MinuteOf(first), JourneyHour.MinuteOf(last) + JourneyHour.MinuteSeconds - 1);
        var stored = await ReadHourAsync(vehicleId, start, cancellationToken);
        var hour = (stored?.Hour ?? JourneyHour.Empty(start)).WithMinutes(from, to, await ReadPointsAsync(vehicleId, from, to, cancellationToken), options.Gap);

        var (near, far) = (from - options.GapSeconds, to + options.GapSeconds);
        var old = new List<StoredRun>();
        foreach (var prefix in new[] { JourneyRows.TripPrefix, JourneyRows.ChargePrefix })
        {
            var read = await _runs.ReadRunsAsync(vehicleId, prefix, near, far, TableBatches.MaxActions, cancellationToken);
            old.AddRange(read.Count < TableBatches.MaxActions ? read : throw TooMany(read.Count));
        }
        var spanFrom = Math.Min(near, old.Count > 0 ? old.Min(r => r.Summary.Start) : near);
        var spanTo = Math.Max(far, old.Count > 0 ? old.Max(r => r.Summary.End) : far);
        var pieces = await ReadPiecesAsync(vehicleId, JourneyHour.HourOf(spanFrom), JourneyHour.HourOf(spanTo), hour, cancellationToken);
        var runs = JourneySegmenter.Runs(pieces, options.Gap).Where(r => r.Start <= far && r.End >= near);

        var actions = new List<TableTransactionAction>();
        var oldByKey = old.ToDictionary(r => r.RowKey, StringComparer.Ordinal);
        var newByKey = runs.ToDictionary(r => JourneyRows.RunKey(r.Kind, r.End), StringComparer.Ordinal);
        foreach (var r in old.Where(r => !newByKey.ContainsKey(r.RowKey)))
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(vehicleId, r.RowKey), r.ETag));
        foreach (var (key, run) in newByKey)
        {
            if (!oldByKey.TryGetValue(key, out var storedRun))
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, JourneyRows.ToEntity(vehicleId, run)));
            else if (JourneyRows.Serialize(storedRun.Summary) != JourneyRows.Serialize(run))
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, JourneyRows.ToEntity(vehicleId, run), storedRun.ETag));
        }
        if (stored is null ? !hour.IsEmpty : !stored.Hour.SameAs(hour))
            actions.Add(Write(vehicleId, stored ?? new StoredHour(null, hour), hour));
        if (actions.Count > TableBatches.MaxActions - 1)
            throw TooMany(actions.Count);

        // Reaching the newest derived snapshot, the hour holds the newest snapshot with a state.
        var newHead = head;
        if (to >= head.LastTime)
        {
            newHead = hour.Minutes.Count > 0
                ? new JourneyHead(hour.Minutes[^1].Last.Time, hour.Minutes[^1].Kind, Known: true)
                : new JourneyHead(to, JourneyKind.None, Known: false);
        }
        // Which run and hour are open now is not worked out here: the next append reads them.
        return new JourneyPlan(actions, newHead, null, null);

        InvalidOperationException TooMany(int count) => new(
            $"Late data for vehicle {vehicleId} from {first} to {last} changes {count} trips and sessions at once; at most {TableBatches.MaxActions - 1} are derived together.");
    }

    /// <summary>Remembers the open run and hour as <paramref name="plan"/> left them, with the ETags the transaction gave them.</summary>
    /// <param name="etags">The transaction's ETags, an action each; the plan's actions start at <paramref name="firstAction"/>.</param>
    public void Committed(string vehicleId, JourneyPlan plan, IReadOnlyList<ETag?> etags, int firstAction)
    {
        if (plan.Actions.Count == 0)
            return; // the open run and hour are as they were
        var open = plan.NewOpen;
        Remember(_open, open is null ? null : JourneyRows.RunKey(open.Kind, open.End), (key, etag) => new StoredRun(key, etag, open!));
        var hour = plan.NewHour;
        Remember(_openHours, hour is null ? null : JourneyRows.HourKey(hour.Start), (_, etag) => new StoredHour(etag, hour!));

        void Remember<T>(MemoryCache cache, string? key, Func<string, ETag, T> stored)
        {
            var index = -1;
            for (var i = 0; key is not null && index < 0 && i < plan.Actions.Count; i++)
            {
                if (plan.Actions[i].ActionType != TableTransactionActionType.Delete && plan.Actions[i].Entity.RowKey == key)
                    index = i;
            }
            if (index >= 0 && etags[firstAction + index] is { } etag)
                cache.Set(vehicleId, stored(key!, etag), KeptFor);
            else
                cache.Remove(vehicleId);
        }
    }

    public void Forget(string vehicleId)
    {
        _open.Remove(vehicleId);
        _openHours.Remove(vehicleId);
    }

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

    /// <summary>The hour holding the head; none before the first snapshot is derived.</summary>
    private async Task<StoredHour?> OpenHourAsync(string vehicleId, JourneyHead? head, CancellationToken cancellationToken)
    {
        if (head is not { Known: true })
            return null;
        var start = JourneyHour.HourOf(head.LastTime);
        if (_openHours.TryGetValue(vehicleId, out StoredHour? known) && known!.Hour.Start == start)
            return known;
        var open = await ReadHourAsync(vehicleId, start, cancellationToken) ?? throw new DerivedRowsMovedException();
        _openHours.Set(vehicleId, open, KeptFor);
        return open;
    }

    private async Task<StoredHour?> ReadHourAsync(string vehicleId, long start, CancellationToken cancellationToken)
    {
        var read = await Table(vehicleId).GetEntityIfExistsAsync<TableEntity>(vehicleId, JourneyRows.HourKey(start), cancellationToken: cancellationToken);
        return read.HasValue ? JourneyHour.FromEntity(read.Value!) : null;
    }

    /// <summary>The pieces of every hour from <paramref name="from"/> to <paramref name="to"/>, in time order, with <paramref name="hour"/> as it now is.</summary>
    private async Task<List<JourneySummary>> ReadPiecesAsync(string vehicleId, long from, long to, JourneyHour hour, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {vehicleId} and (RowKey ge {JourneyRows.HourKey(from)} and RowKey lt {JourneyRows.HourKey(hour.Start)} or RowKey gt {JourneyRows.HourKey(hour.Start)} and RowKey le {JourneyRows.HourKey(to)})");
        var hours = new SortedDictionary<long, List<JourneySummary>> { [hour.Start] = hour.Pieces };
        await foreach (var row in Table(vehicleId).QueryAsync<TableEntity>(filter, 1000, JourneyHour.PiecesColumns, cancellationToken))
        {
            var pieces = JourneyHour.PiecesFrom(row);
            if (pieces.Count > 0)
                hours[JourneyHour.HourOf(pieces[0].Start)] = pieces;
        }
        return [.. hours.Values.SelectMany(p => p)];
    }

    /// <summary>Rewrites <paramref name="stored"/> as <paramref name="hour"/>, conditional on what was read; an empty hour is removed.</summary>
    private static TableTransactionAction Write(string vehicleId, StoredHour stored, JourneyHour hour) => stored.ETag is not { } etag
        ? new TableTransactionAction(TableTransactionActionType.Add, hour.ToEntity(vehicleId))
        : hour.IsEmpty
            ? new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(vehicleId, JourneyRows.HourKey(hour.Start)), etag)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, hour.ToEntity(vehicleId), etag);

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
/// <see cref="NewHead"/>; <see cref="NewOpen"/> and <see cref="NewHour"/> are the run still open
/// after them and the hour holding the head, if known.
/// </summary>
public sealed record JourneyPlan(IReadOnlyList<TableTransactionAction> Actions, JourneyHead? NewHead, JourneySummary? NewOpen, JourneyHour? NewHour);

/// <summary>A trip or session the plan was made from changed in between: the plan is made again from storage.</summary>
public sealed class DerivedRowsMovedException() : Exception("A trip or charging session changed while it was derived; it is derived again.");
