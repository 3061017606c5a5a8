using Azure;
using Azure.Data.Tables;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using Microsoft.Extensions.Caching.Memory;

namespace EvMonitor.Journeys;

/// <summary>
/// Keeps the <c>journeys</c> table (see <see cref="JourneyRows"/>) in step with the telemetry
/// table, one stored message at a time, so that whatever order, split or repetition the snapshots
/// arrive in, the runs are those <see cref="JourneySegmenter"/> makes of every stored snapshot.
/// </summary>
/// <remarks>
/// <para>A message's snapshots are taken in clusters (no two consecutive ones more than twice the gap
/// apart). A cluster entirely after the newest snapshot derived so far (a live drive) is appended:
/// the open run's summary is merged with the new snapshots' from the message, and nothing else is
/// read. Any other cluster (late data, a re-push) is recomputed: the runs within a gap of it and the
/// stored snapshots they span are read, segmented again and replace those runs.</para>
/// <para>Appending trusts that no snapshot between the newest derived one and the cluster is
/// stored but not yet derived. When another worker's message breaks that, its own derivation comes
/// later, finds its snapshots before the newest derived one, and recomputes their neighbourhood from
/// storage; likewise a snapshot appended from a message that a later push had already replaced.</para>
/// <para>Each step's writes go in one transaction with the <c>head</c> row, conditional on the
/// ETags read, so concurrent derivations of one vehicle serialize; a refused one starts over. Within
/// an instance one vehicle's messages are derived one at a time: a busy vehicle's messages run in
/// the same queue batch, and a recomputation that reads a long trip would otherwise keep losing its
/// condition to the live appends finishing meanwhile until its message went to the poison queue.
/// Only other instances remain to compete, and they back off further each round.</para>
/// </remarks>
public sealed class JourneyTable(StorageClients storage, JourneyOptions options) : IJourneyStore
{
    /// <summary>Competing instances of one vehicle are rare; a few rounds, backing off, settle them.</summary>
    private const int Attempts = 10;

    /// <summary>The longest pause between two rounds, so that all of them stay well within a queue message's lease.</summary>
    private const int MaxBackOffMilliseconds = 500;

    /// <summary>Points appended per transaction: each may start a run, and a transaction holds 100 operations.</summary>
    private const int AppendChunk = 90;

    private TableClient Journeys(string vehicleId) => storage.JourneysTableOf(vehicleId);
    private TableClient Telemetry(string vehicleId) => storage.TelemetryTableOf(vehicleId);

    /// <summary>The head row and the open run per vehicle as last written here, so a live drive costs one transaction per message.</summary>
    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>One vehicle's messages are derived one at a time here (vehicles sharing a gate wait for each other, which is harmless).</summary>
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1))];

    private static readonly MemoryCacheEntryOptions KeptFor = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };

    private sealed record Known(Head? Head, StoredRun? Open);

    private sealed record Step(List<TableTransactionAction> Actions, Head NewHead, StoredRun? NewOpen, bool AddsHead);

    /// <summary>Derives the runs for the snapshots of a message just written to the telemetry table.</summary>
    /// <exception cref="RequestFailedException">Storage failed, or other workers kept winning; deriving the message again is safe.</exception>
    public async Task DeriveAsync(TelemetryMessage message, CancellationToken cancellationToken = default)
    {
        var snapshots = message.Snapshots.GroupBy(s => s.Timestamp).Select(g => g.Last()).OrderBy(s => s.Timestamp).ToList();
        var gate = _gates[(uint)StringComparer.Ordinal.GetHashCode(message.VehicleId) % _gates.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var cluster in Clusters(snapshots))
                await DeriveClusterAsync(message.VehicleId, cluster, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private IEnumerable<List<Snapshot>> Clusters(List<Snapshot> snapshots)
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

    private async Task DeriveClusterAsync(string vehicleId, List<Snapshot> cluster, CancellationToken cancellationToken)
    {
        var points = cluster.Select(JourneyPoint.From).OfType<JourneyPoint>().ToList();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var known = await KnownAsync(vehicleId, cancellationToken);
                var appends = known.Head is null || known.Head.Known && cluster[0].Timestamp > known.Head.LastTime;
                if (appends && points.Count == 0)
                    return; // new snapshots without a state change nothing
                if (appends)
                {
                    foreach (var chunk in points.Chunk(AppendChunk))
                        known = await SubmitAsync(vehicleId, Append(vehicleId, known, chunk), cancellationToken);
                }
                else
                {
                    await SubmitAsync(vehicleId, await RecomputeAsync(vehicleId, known.Head!, cluster[0].Timestamp, cluster[^1].Timestamp, cancellationToken), cancellationToken);
                }
                return;
            }
            catch (Exception e) when (IsConflict(e) && attempt < Attempts)
            {
                // Another instance derived in between (or the vehicle was deleted): start over from storage.
                _known.Remove(vehicleId);
                await Task.Delay(Random.Shared.Next(Math.Min(MaxBackOffMilliseconds, 10 << attempt)), cancellationToken);
            }
        }
    }

    private static bool IsConflict(Exception e) =>
        e is TableTransactionFailedException { Status: 404 or 409 or 412 } or RequestFailedException { Status: 404 or 409 or 412 } or StaleOpenRunException;

    private sealed class StaleOpenRunException() : Exception("The open run named by the head row is not stored.");

    /// <summary>Merges points, all after the head, into the open run and new runs after it.</summary>
    private Step Append(string vehicleId, Known known, JourneyPoint[] points)
    {
        var actions = new List<TableTransactionAction>();
        var head = known.Head;
        var open = known.Open;
        JourneySummary? current = open?.Summary;
        var previousKind = head?.LastKind ?? JourneyKind.None;
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
            previousKind = JourneyKinds.Of(p.State);
        }
        if (current is not null && !ReferenceEquals(current, open?.Summary))
            runs.Add(current);

        // The open run was extended when its summary changed: it moves to the key of its new end.
        if (open is not null && runs.Count > 0 && runs[0].Start == open.Summary.Start)
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(vehicleId, open.RowKey), open.ETag));
        foreach (var run in runs)
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, JourneyRows.ToEntity(vehicleId, run)));

        var last = points[^1];
        var newHead = new Head(head?.ETag ?? default, last.Time, previousKind, Known: true);
        var newOpen = current is null ? null : new StoredRun(JourneyRows.RunKey(current.Kind, current.End), default, current);
        return new Step(actions, newHead, newOpen, AddsHead: head is null);
    }

    /// <summary>Segments again, from stored snapshots, every run within a gap of [first, last] and the stretch they span.</summary>
    private async Task<Step> RecomputeAsync(string vehicleId, Head head, long first, long last, CancellationToken cancellationToken)
    {
        var old = await RunsOverlappingAsync(vehicleId, first - options.GapSeconds, last + options.GapSeconds, int.MaxValue, cancellationToken);
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
                ? new Head(head.ETag, points[^1].Time, JourneyKinds.Of(points[^1].State), Known: true)
                : new Head(head.ETag, to, JourneyKind.None, Known: false);
        }
        return new Step(actions, newHead, null, AddsHead: false);
    }

    private async Task<Known> SubmitAsync(string vehicleId, Step step, CancellationToken cancellationToken)
    {
        var headRow = JourneyRows.Head(vehicleId, step.NewHead);
        List<TableTransactionAction> batch = [.. step.Actions, step.AddsHead
            ? new TableTransactionAction(TableTransactionActionType.Add, headRow)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, headRow, step.NewHead.ETag)];
        var response = await Journeys(vehicleId).SubmitTransactionAsync(batch, cancellationToken);

        var head = step.NewHead with { ETag = response.Value[^1].Headers.ETag ?? default };
        StoredRun? open = null;
        if (step.NewOpen is { } newOpen)
        {
            var index = batch.FindIndex(a => a.Entity.RowKey == newOpen.RowKey && a.ActionType == TableTransactionActionType.Add);
            open = index >= 0 ? newOpen with { ETag = response.Value[index].Headers.ETag ?? default } : null;
        }
        var known = new Known(head, open);
        // Only a complete picture is kept: a head naming an open run needs that run's ETag too.
        if (head.ETag == default || head.Known && head.LastKind != JourneyKind.None && open is null)
            _known.Remove(vehicleId);
        else
            _known.Set(vehicleId, known, KeptFor);

        // A vehicle deleted before this first write of its head has its telemetry marked deleted:
        // what was just written is removed, since the deletion may already have passed this table.
        if (step.AddsHead && await IsDeletedAsync(vehicleId, cancellationToken))
        {
            _known.Remove(vehicleId);
            await DeleteAllAsync(vehicleId, cancellationToken);
        }
        return known;
    }

    private async Task<Known> KnownAsync(string vehicleId, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(vehicleId, out Known? known))
            return known!;
        var read = await Journeys(vehicleId).GetEntityIfExistsAsync<TableEntity>(vehicleId, JourneyRows.HeadRowKey, cancellationToken: cancellationToken);
        if (!read.HasValue)
            return new Known(null, null);
        var head = JourneyRows.HeadFrom(read.Value!);
        StoredRun? open = null;
        if (head.Known && head.LastKind != JourneyKind.None)
        {
            var run = await Journeys(vehicleId).GetEntityIfExistsAsync<TableEntity>(vehicleId, JourneyRows.RunKey(head.LastKind, head.LastTime), cancellationToken: cancellationToken);
            open = run.HasValue ? JourneyRows.FromEntity(run.Value!) : throw new StaleOpenRunException();
        }
        return new Known(head, open);
    }

    private async Task<bool> IsDeletedAsync(string vehicleId, CancellationToken cancellationToken)
    {
        var latest = await Telemetry(vehicleId).GetEntityIfExistsAsync<TableEntity>(vehicleId, TelemetryRows.LatestRowKey, ["Deleted"], cancellationToken);
        return latest.HasValue && latest.Value!.GetBoolean("Deleted") == true;
    }

    /// <summary>The stored snapshots with a state measured from <paramref name="from"/> to <paramref name="to"/>, in time order.</summary>
    private async Task<List<JourneyPoint>> ReadPointsAsync(string vehicleId, long from, long to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {vehicleId} and RowKey ge {TelemetryRows.SnapshotKey(from)} and RowKey lt {TelemetryRows.SnapshotKey(to + 1)}");
        var points = new List<JourneyPoint>();
        TableEntity? current = null;
        var components = new List<TableEntity>();
        await foreach (var row in Telemetry(vehicleId).QueryAsync<TableEntity>(filter, 1000, JourneyPoint.Columns, cancellationToken))
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

    /// <summary>
    /// The trips and sessions (both kinds) that overlap [from, to], in time order, at most
    /// <paramref name="limit"/> of each kind; each kind is one range query that stops at the first run starting after <paramref name="to"/>.
    /// </summary>
    private async Task<List<StoredRun>> RunsOverlappingAsync(string vehicleId, long from, long to, int limit, CancellationToken cancellationToken)
    {
        var runs = new List<StoredRun>();
        foreach (var prefix in new[] { JourneyRows.TripPrefix, JourneyRows.ChargePrefix })
            runs.AddRange(await ReadRunsAsync(vehicleId, prefix, from, to, limit, cancellationToken));
        return runs;
    }

    /// <summary>
    /// Runs of one kind (<paramref name="prefix"/>) that end at or after <paramref name="from"/> and start at
    /// or before <paramref name="to"/>, in time order, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<List<StoredRun>> ReadRunsAsync(string vehicleId, string prefix, long from, long to, int limit, CancellationToken cancellationToken = default)
    {
        var runs = new List<StoredRun>();
        if (!TableKeys.CanBeKey(vehicleId) || from > to)
            return runs;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {vehicleId} and RowKey ge {JourneyRows.RunKey(prefix, Math.Max(0, from))} and RowKey lt {JourneyRows.PrefixEnd(prefix)}");
        await foreach (var row in Journeys(vehicleId).QueryAsync<TableEntity>(filter, Math.Min(1000, limit), cancellationToken: cancellationToken))
        {
            if (row.GetInt64("Start") > to || runs.Count == limit)
                break;
            runs.Add(JourneyRows.FromEntity(row));
        }
        return runs;
    }

    /// <summary>Deletes every derived row of the vehicle (in passes, until one finds nothing); returns how many.</summary>
    public async Task<int> DeleteAllAsync(string vehicleId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.CanBeKey(vehicleId))
            return 0;
        _known.Remove(vehicleId);
        var total = 0;
        while (true)
        {
            var keys = new List<string>();
            await foreach (var row in Journeys(vehicleId).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {vehicleId}"), 1000, ["RowKey"], cancellationToken))
                keys.Add(row.RowKey);
            if (keys.Count == 0)
                return total;
            foreach (var chunk in keys.Chunk(TableBatches.MaxActions))
            {
                try
                {
                    await Journeys(vehicleId).SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(vehicleId, k), ETag.All)), cancellationToken);
                    total += chunk.Length;
                }
                catch (TableTransactionFailedException e) when (e.Status == 404)
                {
                    // A row went in between (a concurrent derivation or delete): the next pass lists again.
                }
            }
        }
    }
}
