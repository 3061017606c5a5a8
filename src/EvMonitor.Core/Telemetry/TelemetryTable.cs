using Azure;
using Azure.Data.Tables;
using EvMonitor.Journeys;
using EvMonitor.Storage;
using EvMonitor.VehicleHealth;
using Microsoft.Extensions.Caching.Memory;

namespace EvMonitor.Telemetry;

/// <summary>
/// Writes normalized snapshots so that processing a message once or many times, in any order with
/// other messages, leaves the same rows: each snapshot is replaced whole (stale motor and battery
/// rows removed) unless a push received later already wrote it, and every write is conditional on
/// what was read, in entity-group transactions of up to 100 operations. New snapshots, the usual
/// case, are added without a read: adding fails if a row exists, and only then is anything read.
/// </summary>
/// <remarks>
/// Every transaction also rewrites the vehicle's <c>latest</c> row, conditional on its ETag as last
/// seen, and the last one of a write moves it to the newest snapshot written. That one operation
/// keeps the pointer in step with the rows (never naming a snapshot not yet stored, never going
/// back), and it is the check that the vehicle still exists: deleting a vehicle first turns the row
/// into a marker (<see cref="TelemetryRows.DeletedMarker"/>), which fails any transaction still
/// under way and drops every message still queued, so no row is written after a delete. The row is
/// remembered per vehicle, so a message costs no read beyond its transactions.
/// <para>One instance writes a vehicle's messages one round at a time: the one waiting longest and
/// those waiting with it that share no snapshot time are merged, their snapshots written in time
/// order in as few transactions as their rows need (one, as a rule: see
/// <see cref="MergedRowsMax"/>), each row with its own message's receipt; a caller is answered once
/// the round has stored its message. A busy vehicle's messages, several in one queue batch, then
/// share transactions, and none of them is stored after a newer one of the same round, which would
/// make it late data. Should the merged write meet a stored row or fail, each message is written
/// alone, so that its outcome is its own.</para>
/// <para>The same row holds the head of the vehicle's trips and charging sessions, which are derived
/// here too (<see cref="JourneyDeriver"/>): messages that only extend them, as live telemetry does,
/// have their trip and session rows in their own last transaction, so storing and deriving them is
/// one entity-group transaction. Late and replaced snapshots are derived after they are written, in
/// transactions of their own against the same row.</para>
/// <para>The row also holds the vehicle's delivery figures (<see cref="DeliveryFigures"/>), brought up
/// to date, message by message in the order they were received, by the transaction that stores them.</para>
/// </remarks>
public sealed class TelemetryTable(StorageClients storage, IVehicleStore vehicles, JourneyOptions journeyOptions)
{
    /// <summary>Another instance writing the same vehicle at the same moment is rare; a few rounds settle it.</summary>
    private const int PointerAttempts = 10;

    /// <summary>The longest pause between two rounds against other instances, so that all of them stay well within a queue message's lease.</summary>
    private const int MaxBackOffMilliseconds = 500;

    private readonly JourneyDeriver _journeys = new(storage, journeyOptions);
    private TableClient Table(string vehicleId) => storage.TelemetryTableOf(vehicleId);
    private readonly MemoryCache _pointers = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>
    /// The vehicles whose messages are being written here, each with its messages waiting to be:
    /// one writer per vehicle writes them a round at a time (see <see cref="WriteAsync"/>), since
    /// concurrent writers would only fail each other's pointer condition. A vehicle leaves when
    /// nothing waits, so this holds no more than the messages in flight.
    /// </summary>
    private readonly Dictionary<string, List<Pending>> _lanes = new(StringComparer.Ordinal);

    /// <summary>
    /// The rows of the snapshots merged into one round: a transaction holds 100 operations, of which
    /// one is the <c>latest</c> row and up to nine are left for a live append's journey plan (the
    /// open run replaced, a run or two begun, the open hour and the next), so that the plan still
    /// fits beside the rows; it also keeps the points under <see cref="JourneyDeriver.AppendChunk"/>.
    /// </summary>
    private const int MergedRowsMax = TableBatches.MaxActions - 10;

    /// <summary>A message waiting for its vehicle's writer, and what its caller is told once it is stored.</summary>
    private sealed class Pending
    {
        public Pending(TelemetryMessage message, CancellationToken cancellationToken)
        {
            Message = message;
            Snapshots = [.. message.Snapshots.GroupBy(s => s.Timestamp).Select(g => g.Last()).OrderBy(s => s.Timestamp)];
            Rows = Snapshots.Sum(s => 1 + (s.Motors?.Count ?? 0) + (s.Batteries?.Count ?? 0));
            CancellationToken = cancellationToken;
        }

        public TelemetryMessage Message { get; }

        /// <summary>In time order, one per time: pushes arrive deduplicated; this keeps a message from elsewhere from failing a whole batch on a repeated key.</summary>
        public List<Snapshot> Snapshots { get; }

        /// <summary>Its snapshots' rows, counted once: each one's own, and one per motor and battery.</summary>
        public int Rows { get; }

        public CancellationToken CancellationToken { get; }

        /// <summary>How many rounds went without it.</summary>
        public int PassedOver { get; set; }

        public TaskCompletionSource<SnapshotsWritten?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A round's messages, and a cancellation that fires only once every one of their callers has stopped waiting.</summary>
    private sealed class Round : IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new();
        private readonly CancellationTokenRegistration[] _registrations;
        private int _waiting;

        public Round(List<Pending> messages)
        {
            Messages = messages;
            _waiting = messages.Count;
            _registrations = [.. messages.Select(p => p.CancellationToken.Register(StoppedWaiting))];
        }

        public List<Pending> Messages { get; }

        public CancellationToken CancellationToken => _cancellation.Token;

        private void StoppedWaiting()
        {
            if (Interlocked.Decrement(ref _waiting) == 0)
                _cancellation.Cancel();
        }

        public void Dispose()
        {
            foreach (var registration in _registrations)
                registration.Dispose();
            _cancellation.Dispose();
        }
    }

    private sealed record StoredRow(ETag ETag, DateTimeOffset? ReceivedAt);

    /// <summary>The <c>latest</c> row as last read or written: the newest snapshot stored, the journeys' head, the delivery figures.</summary>
    private sealed record Pointer(ETag ETag, long? UnixTime, bool Deleted, JourneyHead? Head, DeliveryFigures Delivery);

    private sealed class PointerMovedException() : Exception("The vehicle's latest row kept changing while this message was written; it is retried.");

    /// <returns>
    /// How many snapshots were written (the others were already stored from a later push), and how
    /// many of those replaced one an earlier push had stored; null when the vehicle no longer exists,
    /// and nothing was written.
    /// </returns>
    /// <exception cref="TableTransactionFailedException">Another writer changed a row in between; retrying the message is safe.</exception>
    /// <remarks>
    /// <para>Also throws when the <c>latest</c> row kept changing through every attempt; retrying the message is safe then too.</para>
    /// <para>The message waits for its vehicle's writer here: the first caller with nothing of its
    /// vehicle under way becomes it, and takes the waiting messages a round at a time until none is
    /// left (<see cref="NextRound"/>), merging them into as few transactions as fit. A caller whose
    /// token fires stops waiting; its message may still be written, which is harmless (writing is
    /// idempotent, and a message processed again is not a re-push).</para>
    /// </remarks>
    public async Task<SnapshotsWritten?> WriteAsync(TelemetryMessage message, CancellationToken cancellationToken = default)
    {
        if (message.Snapshots.Count == 0)
            throw new ArgumentException("A telemetry message holds at least one snapshot.", nameof(message));
        var pending = new Pending(message, cancellationToken);
        bool writer;
        lock (_lanes)
        {
            writer = !_lanes.TryGetValue(message.VehicleId, out var waiting);
            if (writer)
                _lanes.Add(message.VehicleId, waiting = []);
            waiting!.Add(pending);
        }
        if (writer)
            _ = WriteLaneAsync(message.VehicleId);
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The vehicle's writer: rounds of its waiting messages, until none waits; then the vehicle leaves, under the same lock as a caller joins.</summary>
    private async Task WriteLaneAsync(string partition)
    {
        while (true)
        {
            Round round;
            lock (_lanes)
            {
                var messages = NextRound(_lanes[partition]);
                if (messages.Count == 0)
                {
                    _lanes.Remove(partition);
                    return;
                }
                round = new Round(messages);
            }
            using (round)
            {
                try
                {
                    if (round.Messages.Count == 1)
                        await WriteAloneAsync(round.Messages[0], round.CancellationToken);
                    else
                        await WriteMergedAsync(partition, round.Messages, round.CancellationToken);
                }
                catch (Exception e)
                {
                    // Nothing above lets one escape; were one to, no caller is left waiting for ever.
                    foreach (var pending in round.Messages)
                        pending.Done.TrySetException(e);
                }
            }
        }
    }

    /// <summary>
    /// Takes from <paramref name="waiting"/> the messages of the next round, in order of their first
    /// snapshot's time, so that none is stored after a newer one of the same vehicle, which would make
    /// it late data: the oldest, then each one sharing no time with those taken (a snapshot pushed
    /// again waits for the next round, so it replaces the stored one exactly as alone, re-push
    /// counted), while their rows fit <see cref="MergedRowsMax"/>. A message passed over
    /// <see cref="MaxPassedOver"/> rounds leads the next one whatever its time, so that none waits for
    /// ever behind messages of older snapshots that keep arriving (messages redelivered after their
    /// lease ran out, say). Callers that stopped waiting are dropped.
    /// </summary>
    /// <returns>In order of their first snapshot's time.</returns>
    private static List<Pending> NextRound(List<Pending> waiting)
    {
        // Their callers have their cancellation already.
        waiting.RemoveAll(p => p.CancellationToken.IsCancellationRequested);
        if (waiting.Count == 0)
            return [];
        var lead = waiting.Find(p => p.PassedOver >= MaxPassedOver) ?? waiting.MinBy(p => p.Snapshots[0].Timestamp)!;
        var round = new List<Pending> { lead };
        var times = lead.Snapshots.Select(s => s.Timestamp).ToHashSet();
        var rows = lead.Rows;
        foreach (var pending in waiting.Where(p => p != lead).OrderBy(p => p.Snapshots[0].Timestamp))
        {
            if (pending.Snapshots.Any(s => times.Contains(s.Timestamp)))
                continue;
            // Stops rather than skips: a message left out here would be older than what follows, late data.
            if (rows + pending.Rows > MergedRowsMax)
                break;
            round.Add(pending);
            rows += pending.Rows;
            times.UnionWith(pending.Snapshots.Select(s => s.Timestamp));
        }
        waiting.RemoveAll(round.Contains);
        foreach (var pending in waiting)
            pending.PassedOver++;
        return [.. round.OrderBy(p => p.Snapshots[0].Timestamp)];
    }

    /// <summary>
    /// How many rounds a message may be passed over for older snapshots: a vehicle's messages in one
    /// queue batch, 32 at most, take a few rounds between them, so this bounds only the wait of one
    /// that older ones keep overtaking.
    /// </summary>
    private const int MaxPassedOver = 4;

    /// <summary>
    /// Several messages that share no snapshot time, new nearly always: their snapshots in time order,
    /// each row with its own message's receipt, added in one transaction with the journey plan of them
    /// all and each message's delivery figures. When a row exists already, or the write fails, each
    /// message is written alone instead, so that one message's fault is its own caller's only. Once
    /// they are stored, a failure deriving them is every caller's, as it would be one message's.
    /// </summary>
    private async Task WriteMergedAsync(string partition, List<Pending> round, CancellationToken cancellationToken)
    {
        List<Snapshot> snapshots = [];
        JourneyPlan? plan = null;
        bool added;
        try
        {
            var pointer = await PointerAsync(partition, cancellationToken);
            if (await IsGoneAsync(partition, pointer, cancellationToken))
            {
                foreach (var pending in round)
                    pending.Done.TrySetResult(null);
                return;
            }
            snapshots = [.. round.SelectMany(p => p.Snapshots).OrderBy(s => s.Timestamp)];
            plan = await FoldedPlanAsync(partition, pointer?.Head, snapshots, cancellationToken);
            added = await TryAddAllAsync(partition, round, pointer, plan, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            added = false;
        }
        if (!added)
        {
            // Written alone instead, each from the stored rows.
            Forget(partition);
            foreach (var pending in round)
                await WriteAloneAsync(pending, cancellationToken);
            return;
        }
        try
        {
            // Stored: from here a failure is every caller's, as it would be a single message's, and retrying each one is safe.
            if (plan is null)
                await DeriveAsync(partition, snapshots, cancellationToken);
            foreach (var pending in round)
                pending.Done.TrySetResult(new SnapshotsWritten(pending.Snapshots.Count, 0));
        }
        catch (Exception e)
        {
            Forget(partition);
            foreach (var pending in round)
                pending.Done.TrySetException(e);
        }
    }

    /// <summary>One message, its outcome (or its own exception) given to its caller.</summary>
    private async Task WriteAloneAsync(Pending pending, CancellationToken cancellationToken)
    {
        try
        {
            pending.Done.TrySetResult(await WriteMessageAsync(pending, cancellationToken));
        }
        catch (Exception e)
        {
            pending.Done.TrySetException(e);
        }
    }

    /// <summary>
    /// The vehicle was deleted, or never existed: without a <c>latest</c> row (its first message) it
    /// exists only if it has an owner.
    /// </summary>
    private async Task<bool> IsGoneAsync(string partition, Pointer? pointer, CancellationToken cancellationToken) =>
        pointer is { Deleted: true } || pointer is null && await vehicles.FindOwnerAsync(partition, cancellationToken) is null;

    private async Task<SnapshotsWritten?> WriteMessageAsync(Pending pending, CancellationToken cancellationToken)
    {
        var message = pending.Message;
        var partition = message.VehicleId;
        var snapshots = pending.Snapshots;
        try
        {
            // Set once a row turned out to exist already: from then on rows are read and compared.
            var replace = false;
            for (var attempt = 1; ; attempt++)
            {
                // Every write goes through this check, with the pointer it then writes against.
                var pointer = await PointerAsync(partition, cancellationToken);
                if (await IsGoneAsync(partition, pointer, cancellationToken))
                    return null;
                try
                {
                    if (!replace)
                    {
                        var plan = await FoldedPlanAsync(partition, pointer?.Head, snapshots, cancellationToken);
                        if (await TryAddAllAsync(partition, [pending], pointer, plan, cancellationToken))
                        {
                            if (plan is null)
                                await DeriveAsync(partition, snapshots, cancellationToken);
                            return new SnapshotsWritten(snapshots.Count, 0);
                        }
                        replace = true;
                    }
                    var written = await ReplaceAsync(message, snapshots, pointer, cancellationToken);
                    if (written.Count > 0)
                        await DeriveAsync(partition, snapshots, cancellationToken);
                    return written;
                }
                catch (Exception e) when ((e is PointerMovedException or DerivedRowsMovedException) && attempt < PointerAttempts)
                {
                    // The vehicle was deleted meanwhile, or its rows kept moving: look again.
                    Forget(partition);
                    await BackOffAsync(attempt, cancellationToken);
                }
            }
        }
        catch
        {
            // Whatever failed, the message's next attempt starts from the stored rows, not from memory.
            Forget(partition);
            throw;
        }
    }

    /// <summary>
    /// Live telemetry is new nearly always, so it is first written without reading anything: every
    /// row is added, which fails if it exists. False when one did exist (a repeated push, a message
    /// processed again): then <see cref="ReplaceAsync"/> reads and compares. A snapshot's motor and
    /// battery rows are only ever written with or after its own row, so a snapshot without a row has
    /// none to remove. Several messages go in time order of their snapshots, each row with its own
    /// message's receipt, and each message's delivery figures in the order they were received.
    /// </summary>
    private async Task<bool> TryAddAllAsync(string partition, List<Pending> messages, Pointer? pointer, JourneyPlan? plan, CancellationToken cancellationToken)
    {
        var rows = messages.SelectMany(p => p.Snapshots.Select(snapshot => (p.Message, Snapshot: snapshot))).OrderBy(r => r.Snapshot.Timestamp).ToList();
        var groups = rows
            .Select(r => TelemetryRows.ToEntities(r.Message, r.Snapshot).Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)).ToList())
            .ToList();
        var delivered = messages.OrderBy(p => p.Message.ReceivedAt).Select(p => (p.Message, new SnapshotsWritten(p.Snapshots.Count, 0))).ToList();
        try
        {
            await SubmitAsync(partition, groups, delivered, pointer, rows[^1].Snapshot.Timestamp, plan, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Replaces each snapshot whole unless a later push wrote it, every write conditional on what was read.</summary>
    private async Task<SnapshotsWritten> ReplaceAsync(TelemetryMessage message, List<Snapshot> snapshots, Pointer? pointer, CancellationToken cancellationToken)
    {
        var partition = message.VehicleId;
        var stored = await ReadRowsAsync(partition, snapshots, cancellationToken);

        var groups = new List<List<TableTransactionAction>>();
        long? newest = null;
        var repushed = 0;
        foreach (var snapshot in snapshots)
        {
            var key = TelemetryRows.SnapshotKey(snapshot.Timestamp);
            stored.TryGetValue(key, out var existing);
            if (existing?.ReceivedAt > message.ReceivedAt)
                continue;
            // The same time received is the same push processed again, not a re-push.
            if (existing?.ReceivedAt < message.ReceivedAt)
                repushed++;

            var actions = new List<TableTransactionAction>();
            var rows = TelemetryRows.ToEntities(message, snapshot);
            actions.Add(existing is null
                ? new TableTransactionAction(TableTransactionActionType.Add, rows[0])
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, rows[0], existing.ETag));
            foreach (var component in rows.Skip(1))
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, component));
            var current = rows.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
            foreach (var (rowKey, row) in stored)
            {
                if (TelemetryRows.IsComponentOf(rowKey, key) && !current.Contains(rowKey))
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, rowKey), row.ETag));
            }
            groups.Add(actions);
            newest = snapshot.Timestamp;
        }

        var written = new SnapshotsWritten(groups.Count, repushed);
        if (newest is { } time)
            await SubmitAsync(partition, groups, [(message, written)], pointer, time, plan: null, cancellationToken);
        return written;
    }

    /// <summary>
    /// Submits the groups in transactions, each ending with the conditional rewrite of the
    /// <c>latest</c> row (see the class remarks); the last one moves it to <paramref name="newest"/>
    /// unless it is newer already, takes the delivery figures of the messages it stores (<paramref name="delivered"/>, in the order received), and
    /// holds the journeys' <paramref name="plan"/>, if any. A
    /// transaction refused because another writer (another instance, another part of the same push)
    /// moved the row in between wrote nothing: it is sent again against the row as it now is, so a
    /// message's earlier transactions are not repeated; unless it held the plan, which was made
    /// from the row as it was.
    /// </summary>
    /// <exception cref="PointerMovedException">The vehicle was deleted meanwhile, the row kept moving, or the plan is out of date.</exception>
    private async Task SubmitAsync(string partition, List<List<TableTransactionAction>> groups, List<(TelemetryMessage Message, SnapshotsWritten Written)> delivered, Pointer? pointer, long newest, JourneyPlan? plan, CancellationToken cancellationToken)
    {
        var planned = plan?.Actions.Count ?? 0;
        if (planned > 0)
            groups = [.. groups, [.. plan!.Actions]];
        var batches = Batch(groups, TableBatches.MaxActions - 1).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            var last = i == batches.Count - 1;
            for (var attempt = 1; ; attempt++)
            {
                var unixTime = last && !(pointer?.UnixTime >= newest) ? newest : pointer?.UnixTime;
                var head = last && plan is not null ? plan.NewHead : pointer?.Head;
                var delivery = pointer?.Delivery ?? DeliveryFigures.None;
                if (last)
                {
                    foreach (var (message, written) in delivered)
                        delivery = delivery.With(message, written.Count, written.Repushed);
                }
                var row = LatestRow(partition, unixTime, head, delivery);
                List<TableTransactionAction> batch = [.. batches[i], pointer is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, row)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, pointer.ETag)];
                try
                {
                    var etags = await storage.SubmitTelemetryAsync(partition, batch, cancellationToken);
                    // The service always returns the new ETag; without one, carry on from the stored row.
                    pointer = etags[^1] is { } etag ? new Pointer(etag, unixTime, Deleted: false, head, delivery) : await ReloadAsync(partition, cancellationToken);
                    Remember(partition, pointer);
                    if (last && plan is not null)
                        _journeys.Committed(partition, plan, etags, batch.Count - 1 - planned);
                    break;
                }
                catch (TableTransactionFailedException e) when (last && planned > 0 && e.FailedTransactionActionIndex >= batch.Count - 1 - planned)
                {
                    // A trip or session, or the head, changed since the plan was made: it is made again.
                    throw new PointerMovedException();
                }
                catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex == batch.Count - 1 && e.Status is 404 or 409 or 412)
                {
                    if (attempt == PointerAttempts || last && plan is not null)
                        throw new PointerMovedException();
                    // A short random pause, so that writers racing for the row stop meeting in step.
                    await Task.Delay(Random.Shared.Next(attempt * 5), cancellationToken);
                    pointer = await ReloadAsync(partition, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// The journeys' plan for a message that only extends them (see <see cref="JourneyDeriver"/>), to
    /// go into its last transaction; null when it is derived after the write instead.
    /// </summary>
    private async Task<JourneyPlan?> FoldedPlanAsync(string partition, JourneyHead? head, List<Snapshot> snapshots, CancellationToken cancellationToken)
    {
        if (!JourneyDeriver.Extends(head, snapshots[0].Timestamp))
            return null;
        var points = JourneyDeriver.Points(snapshots);
        if (points.Count > JourneyDeriver.AppendChunk)
            return null;
        try
        {
            // Points hours apart each rewrite an hour: such a plan may not fit in one transaction.
            var plan = await _journeys.PlanAppendAsync(partition, head, points, cancellationToken);
            return plan.Actions.Count < TableBatches.MaxActions ? plan : null;
        }
        catch (JourneyHourTooLargeException)
        {
            return null; // the snapshots are stored first, and deriving them fails on its own
        }
    }

    /// <summary>
    /// Derives the trips and sessions of snapshots just written without their plan (late, replaced,
    /// or too many for one transaction), a cluster at a time, each plan in a transaction of its own
    /// with the <c>latest</c> row. Other instances deriving the same vehicle are rare: a few rounds,
    /// backing off, settle them.
    /// </summary>
    private async Task DeriveAsync(string partition, List<Snapshot> snapshots, CancellationToken cancellationToken)
    {
        foreach (var cluster in JourneyDeriver.Clusters(snapshots))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    // Deleted meanwhile: its rows are going, and there is nothing to derive.
                    if (await PointerAsync(partition, cancellationToken) is not { Deleted: false } pointer)
                        return;
                    if (JourneyDeriver.Extends(pointer.Head, cluster[0].Timestamp))
                    {
                        foreach (var chunk in JourneyDeriver.Points(cluster).Chunk(JourneyDeriver.AppendChunk))
                            pointer = await SubmitPlanAsync(partition, pointer, await _journeys.PlanAppendAsync(partition, pointer.Head, chunk, cancellationToken), cancellationToken);
                    }
                    else
                    {
                        await SubmitPlanAsync(partition, pointer, await _journeys.PlanRecomputeAsync(partition, pointer.Head!, cluster[0].Timestamp, cluster[^1].Timestamp, cancellationToken), cancellationToken);
                    }
                    break;
                }
                catch (Exception e) when (JourneyDeriver.IsConflict(e) && attempt < PointerAttempts)
                {
                    Forget(partition);
                    await BackOffAsync(attempt, cancellationToken);
                }
            }
        }
    }

    /// <summary>Submits a plan alone with the <c>latest</c> row, which keeps its time and takes the plan's head.</summary>
    private async Task<Pointer> SubmitPlanAsync(string partition, Pointer pointer, JourneyPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Actions.Count == 0 && plan.NewHead == pointer.Head)
            return pointer;
        var row = LatestRow(partition, pointer.UnixTime, plan.NewHead, pointer.Delivery);
        List<TableTransactionAction> batch = [.. plan.Actions, new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, pointer.ETag)];
        var etags = await storage.SubmitTelemetryAsync(partition, batch, cancellationToken);
        _journeys.Committed(partition, plan, etags, 0);
        var written = etags[^1] is { } etag ? pointer with { ETag = etag, Head = plan.NewHead } : await ReloadAsync(partition, cancellationToken);
        Remember(partition, written);
        return written;
    }

    private static TableEntity LatestRow(string partition, long? unixTime, JourneyHead? head, DeliveryFigures delivery)
    {
        var row = TelemetryRows.LatestPointer(partition, unixTime);
        JourneyRows.SetHead(row, head);
        delivery.WriteTo(row);
        return row;
    }

    private void Forget(string partition)
    {
        _pointers.Remove(partition);
        _journeys.Forget(partition);
    }

    /// <summary>Waits longer each round, at random, so that instances racing for one vehicle stop meeting in step.</summary>
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(Random.Shared.Next(Math.Min(MaxBackOffMilliseconds, 10 << attempt)), cancellationToken);

    /// <exception cref="PointerMovedException">The vehicle was deleted (or its row is gone): the caller starts over and finds out.</exception>
    private async Task<Pointer> ReloadAsync(string partition, CancellationToken cancellationToken)
    {
        _pointers.Remove(partition);
        return await PointerAsync(partition, cancellationToken) is { Deleted: false } pointer ? pointer : throw new PointerMovedException();
    }

    private async Task<Pointer?> PointerAsync(string partition, CancellationToken cancellationToken)
    {
        if (_pointers.TryGetValue(partition, out Pointer? known))
            return known;
        var read = await Table(partition).GetEntityIfExistsAsync<TableEntity>(partition, TelemetryRows.LatestRowKey, LatestColumns, cancellationToken);
        if (!read.HasValue)
            return null;
        var pointer = new Pointer(read.Value!.ETag, read.Value.GetInt64("UnixTime"), read.Value.GetBoolean("Deleted") == true, JourneyRows.HeadFrom(read.Value), DeliveryFigures.From(read.Value));
        Remember(partition, pointer);
        return pointer;
    }

    private static readonly string[] LatestColumns = ["UnixTime", "Deleted", .. JourneyRows.HeadColumns, .. DeliveryFigures.Columns];

    private void Remember(string partition, Pointer pointer) => _pointers.Set(partition, pointer, PointerKeptFor);

    private static readonly MemoryCacheEntryOptions PointerKeptFor = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };

    /// <summary>Keeps a snapshot's rows in one transaction where they fit, so readers rarely see half of one.</summary>
    private static IEnumerable<List<TableTransactionAction>> Batch(List<List<TableTransactionAction>> groups, int size)
    {
        var batch = new List<TableTransactionAction>(size + 1);
        foreach (var group in groups)
        {
            if (batch.Count + group.Count > size && batch.Count > 0)
            {
                yield return batch;
                batch = new List<TableTransactionAction>(size + 1);
            }
            foreach (var action in group)
            {
                if (batch.Count == size)
                {
                    yield return batch;
                    batch = new List<TableTransactionAction>(size + 1);
                }
                batch.Add(action);
            }
        }
        if (batch.Count > 0)
            yield return batch;
    }

    /// <summary>
    /// The stored rows of exactly these snapshots (each one's own row and its motor and battery rows),
    /// and of no other: a message whose snapshots lie years apart reads no more than one whose
    /// snapshots are adjacent. Snapshots of consecutive seconds share one key range; ranges are sent
    /// <see cref="RangesPerQuery"/> to a query, a few queries at a time.
    /// </summary>
    private async Task<Dictionary<string, StoredRow>> ReadRowsAsync(string partition, List<Snapshot> snapshots, CancellationToken cancellationToken)
    {
        var queries = SecondRuns(snapshots)
            .Chunk(RangesPerQuery)
            .Select(runs => TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and (" + string.Join(" or ", runs.Select(run =>
                TableClient.CreateQueryFilter($"RowKey ge {TelemetryRows.SnapshotKey(run.First)} and RowKey lt {TelemetryRows.SnapshotKey(run.Last) + RangeEnd}"))) + ")");
        var rows = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (filter, token) =>
        {
            await foreach (var e in Table(partition).QueryAsync<TableEntity>(filter, select: ["RowKey", "ReceivedAt"], cancellationToken: token))
            {
                lock (rows)
                    rows[e.RowKey] = new StoredRow(e.ETag, e.GetDateTimeOffset("ReceivedAt"));
            }
        });
        return rows;
    }

    /// <summary>
    /// A filter may hold at most 15 comparisons ("Querying tables and entities", Azure Storage REST
    /// reference): the partition's and two for each range.
    /// </summary>
    private const int RangesPerQuery = 7;

    /// <summary>Sorts after a snapshot key and every <c>-m…</c>/<c>-b…</c> suffix of it, before the next second's key.</summary>
    private const string RangeEnd = ".";

    /// <summary>The snapshots' times (sorted, distinct) as runs of consecutive seconds.</summary>
    private static List<(long First, long Last)> SecondRuns(List<Snapshot> snapshots)
    {
        var runs = new List<(long First, long Last)>();
        foreach (var t in snapshots.Select(s => s.Timestamp))
        {
            if (runs.Count > 0 && runs[^1].Last + 1 == t)
                runs[^1] = (runs[^1].First, t);
            else
                runs.Add((t, t));
        }
        return runs;
    }
}
