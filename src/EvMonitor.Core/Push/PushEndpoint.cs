using EvMonitor.Api;
using EvMonitor.Auth;
using EvMonitor.Monitoring;
using EvMonitor.Storage;
using EvMonitor.Telemetry;
using EvMonitor.Vehicles;
using EvMonitor.VehicleHealth;
using Microsoft.Extensions.Logging;

namespace EvMonitor.Push;

/// <summary>
/// <c>POST /api/push</c>: validates every snapshot, then puts the push on the telemetry queue and
/// answers OK only once the queue has it. No table is written here; the normalizer does that.
/// </summary>
public sealed class PushEndpoint(
    Authenticator authenticator,
    VehicleAccess vehicleAccess,
    ITelemetryQueue queue,
    TimeProvider clock,
    EvMonitorMetrics metrics,
    IVehicleHealthRecorder health,
    ILogger<PushEndpoint> logger) : IApiEndpoint
{
    /// <summary>What the log line of a push tells, filled in as the push is read.</summary>
    private sealed class PushRecord
    {
        /// <summary>Given to every push, so that a rejected one can be found in the logs too; an accepted one carries it through the queue.</summary>
        public string Id { get; } = Guid.NewGuid().ToString("N");

        /// <summary>As sent, unless longer than any valid id: a log line stays bounded whatever a client sends.</summary>
        public string? VehicleId { get; set => field = value is { Length: <= ApiLimits.MaxFieldLength } ? value : null; }

        public int Snapshots { get; set; }

        /// <summary>True once the token was found to own the vehicle: only then does a refusal count in the vehicle's health.</summary>
        public bool Owned { get; set; }
    }

    /// <summary>Every push is counted by its answer's code and logged once, whatever the answer (a 503 included).</summary>
    public async Task<ApiResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var push = new PushRecord();
        var code = ErrorCodes.InternalError;
        try
        {
            var result = await AcceptAsync(request, push, cancellationToken);
            code = result.Code ?? EvMonitorMetrics.Accepted;
            return result;
        }
        catch (Exception e) when (StorageOutage.Is(e))
        {
            code = ErrorCodes.StorageUnavailable;
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            code = "CANCELLED"; // the client went away; nothing was answered
            throw;
        }
        finally
        {
            metrics.PushAnswered(code);
            if (push.Owned && code is not (EvMonitorMetrics.Accepted or "CANCELLED"))
                health.Rejected(push.VehicleId!, code);
            logger.LogInformation("Push {PushId} {Outcome} ({Code}): vehicle {VehicleId}, snapshots {SnapshotCount}",
                push.Id, code == EvMonitorMetrics.Accepted ? "accepted" : "rejected", code, push.VehicleId, push.Snapshots);
        }
    }

    private async Task<ApiResult> AcceptAsync(ApiRequest request, PushRecord push, CancellationToken cancellationToken)
    {
        var receivedAt = clock.GetUtcNow();
        var timer = new PushTimer(threadCpu: metrics.PushCpuWanted);
        var reader = new PushReader(receivedAt);
        var failure = await Timed(RequestBodyParser.ParseAsync(request, reader), timer);
        timer.Lap(PushTimer.Parse);
        push.VehicleId = reader.VehicleId;
        if (failure is not null)
            return failure;
        if (reader.TooManySnapshots)
            return ApiResult.Error(413, ErrorCodes.PayloadTooLarge, $"A push holds at most {ApiLimits.MaxSnapshotsPerPush} snapshots; split it into several pushes.");

        timer.Restart();
        var (userId, rejection) = await Timed(authenticator.AuthenticateRememberedAsync(reader.Token, request.BearerToken, cancellationToken), timer);
        if (rejection is { } refused)
            return Refusals.Token(refused);
        timer.Lap(PushTimer.Token);
        if (!string.IsNullOrEmpty(reader.VehicleId) && reader.VehicleId.Length <= ApiLimits.MaxFieldLength)
        {
            if (Refusals.Vehicle(await Timed(vehicleAccess.CheckRememberedAsync(userId!, reader.VehicleId, cancellationToken), timer), reader.VehicleId) is { } denied)
                return denied;
            push.Owned = true;
            timer.Lap(PushTimer.Ownership);
        }

        var (snapshots, errors) = reader.Complete();
        timer.Lap(PushTimer.Parse);
        push.Snapshots = snapshots.Count;
        if (errors.Count > 0)
            return ApiResult.Invalid(errors, reader.ErrorCount);

        var header = new TelemetryMessage
        {
            PushId = push.Id,
            VehicleId = reader.VehicleId!,
            UserAgent = reader.UserAgent,
            ReceivedAt = receivedAt,
        };
        IReadOnlyList<BinaryData> messages;
        try
        {
            messages = TelemetryMessages.Pack(header, snapshots);
        }
        catch (SnapshotTooLargeException e)
        {
            return ApiResult.Error(413, ErrorCodes.PayloadTooLarge, $"Snapshot {e.Position} is too large to queue; send fewer motors or batteries per snapshot.");
        }
        timer.Lap(PushTimer.Build);
        await EnqueueAllOrNoneAsync(header.VehicleId, messages, cancellationToken);
        timer.Lap(PushTimer.Enqueue);
        metrics.PushTimed(timer);
        return ApiResult.Ok(new PushAnswer(snapshots.Count));
    }

    /// <summary>Tells the timer when a stage has to wait (a token or ownership not kept, a body still arriving).</summary>
    private static ValueTask<T> Timed<T>(ValueTask<T> stage, PushTimer timer)
    {
        if (!stage.IsCompleted)
            timer.Waited();
        return stage;
    }

    private static ValueTask<T> Timed<T>(Task<T> stage, PushTimer timer) => Timed(new ValueTask<T>(stage), timer);

    /// <summary>
    /// A push split over several messages is taken back if any of them cannot be sent, so a 503 means
    /// nothing was queued (should the queue also refuse the take-back, the app's retry of the same
    /// push overwrites the same snapshots: pushes are idempotent).
    /// </summary>
    private async Task EnqueueAllOrNoneAsync(string vehicleId, IReadOnlyList<BinaryData> messages, CancellationToken cancellationToken)
    {
        var sent = new List<SentMessage>(messages.Count);
        try
        {
            foreach (var message in messages)
                sent.Add(await queue.SendAsync(vehicleId, message, cancellationToken));
        }
        catch
        {
            foreach (var message in sent)
            {
                try { await queue.DeleteAsync(message, CancellationToken.None); }
                catch (Exception e) when (StorageOutage.Is(e)) { /* see above: a retry of the push repairs this */ }
            }
            throw;
        }
    }
}
