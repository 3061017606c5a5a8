using System.Reflection;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using EvMonitor.Monitoring;
using EvMonitor.Storage;

namespace EvMonitor.LocalHost;

/// <summary>
/// Feeds a queue-triggered function from the real queue the way the Functions host does: batches of
/// <c>batchSize</c>, the next batch fetched as soon as no more than <c>newBatchThreshold</c> messages
/// are still being processed, delete on success, on failure make the message visible again after
/// <c>visibilityTimeout</c>, and after <c>maxDequeueCount</c> attempts move it to the poison queue (in
/// the same account). The queue is in the account the trigger's connection names, as under the host.
/// </summary>
public sealed class QueueTriggerPump(
    IServiceProvider services,
    EvMonitorMetrics metrics,
    FunctionCatalog.QueueFunction function,
    QueueSettings settings,
    LocalHostOptions local,
    ILogger<QueueTriggerPump> logger) : BackgroundService
{
    /// <summary>The most a queue hands out in one receive.</summary>
    private const int MaxReceive = 32;

    private readonly SemaphoreSlim _finished = new(0);
    private int _running;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var account = StorageClients.QueueServiceOf(function.Connection, function.ConnectionName, metrics);
        var queue = account.GetQueueClient(function.QueueName);
        var poison = account.GetQueueClient(queue.Name + "-poison");
        var batchSize = Math.Clamp(settings.BatchSize, 1, MaxReceive);
        var threshold = Math.Max(0, settings.NewBatchThreshold);
        var running = new HashSet<Task>();
        var idle = TimeSpan.FromMilliseconds(100);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Keep the function busy without waiting for a whole batch to finish: the slowest
                // message of a batch would otherwise hold up all the others.
                while (Volatile.Read(ref _running) > threshold)
                    await _finished.WaitAsync(stoppingToken);

                QueueMessage[] messages;
                try
                {
                    messages = (await queue.ReceiveMessagesAsync(batchSize, local.QueueLease, stoppingToken)).Value;
                }
                catch (Exception e) when (StorageOutage.Is(e))
                {
                    logger.LogWarning("Queue {Queue} unreachable; polling again in {Delay}", queue.Name, settings.MaxPollingInterval);
                    await Delay(settings.MaxPollingInterval, stoppingToken);
                    continue;
                }

                if (messages.Length == 0)
                {
                    await Delay(idle, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    continue;
                }
                idle = TimeSpan.FromMilliseconds(100);
                running.RemoveWhere(t => t.IsCompleted);
                foreach (var message in messages)
                {
                    Interlocked.Increment(ref _running);
                    running.Add(RunAsync(queue, poison, message, stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Messages still running settle (or, cancelled, come back after their lease) before the host stops.
        await Task.WhenAll(running);
    }

    private async Task RunAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            await ProcessAsync(queue, poison, message, stoppingToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _finished.Release();
        }
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            // One scope per invocation, as the Functions worker makes one per message.
            await using var scope = services.CreateAsyncScope();
            await FunctionCatalog.InvokeAsync(scope.ServiceProvider, function.Method, message.Body.ToArray(), stoppingToken,
                new Dictionary<string, object> { ["DequeueCount"] = message.DequeueCount });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return; // shutting down: the lease runs out and the message comes back
        }
        catch (Exception e)
        {
            await SettleFailureAsync(queue, poison, message, e is TargetInvocationException { InnerException: { } inner } ? inner : e, stoppingToken);
            return;
        }
        await SettleAsync(message, () => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken));
    }

    private async Task SettleFailureAsync(QueueClient queue, QueueClient poison, QueueMessage message, Exception failure, CancellationToken stoppingToken)
    {
        if (message.DequeueCount >= settings.MaxDequeueCount)
        {
            logger.LogError(failure, "Message {Id} failed {Count} times; moving it to {Poison}", message.MessageId, message.DequeueCount, poison.Name);
            await SettleAsync(message, async () =>
            {
                await poison.SendMessageAsync(message.Body, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: stoppingToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
            });
            return;
        }
        logger.LogWarning(failure, "Message {Id} failed (attempt {Count} of {Max}); retrying after {Delay}",
            message.MessageId, message.DequeueCount, settings.MaxDequeueCount, settings.VisibilityTimeout);
        await SettleAsync(message, () => queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: stoppingToken));
    }

    /// <summary>A message that cannot be settled reappears when its lease runs out: nothing is lost, at worst it is processed again.</summary>
    private async Task SettleAsync(QueueMessage message, Func<Task> settle)
    {
        try
        {
            await settle();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not settle message {Id}; it reappears after its lease", message.MessageId);
        }
    }

    private static async Task Delay(TimeSpan delay, CancellationToken stoppingToken)
    {
        try { await Task.Delay(delay, stoppingToken); }
        catch (OperationCanceledException) { }
    }
}
