using Azure.Core;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace EvMonitor.Storage;

/// <summary>
/// A message that is not Base64 (added by hand, or by a writer that does not encode) cannot be
/// decoded by our clients. As the Functions host does, it is moved unchanged to the queue's poison
/// queue; without this every receive that meets it fails, and the messages behind it wait forever.
/// </summary>
internal static class UndecodableMessages
{
    public const string PoisonSuffix = "-poison";

    /// <param name="unencoded">Clients that write a message's text as it is, so the poison copy equals what was sent.</param>
    public static SyncAsyncEventHandler<QueueMessageDecodingFailedEventArgs> MoveToPoison(QueueServiceClient unencoded) => async args =>
    {
        // Peeked messages stay where they are; a poison queue has no poison queue of its own.
        if (args.ReceivedMessage is not { } message || args.Queue.Name.EndsWith(PoisonSuffix, StringComparison.Ordinal))
            return;
        var poison = unencoded.GetQueueClient(args.Queue.Name + PoisonSuffix);
        var keep = TimeSpan.FromSeconds(-1);
        if (args.IsRunningSynchronously)
        {
            poison.SendMessage(message.Body, timeToLive: keep, cancellationToken: args.CancellationToken);
            args.Queue.DeleteMessage(message.MessageId, message.PopReceipt, args.CancellationToken);
        }
        else
        {
            await poison.SendMessageAsync(message.Body, timeToLive: keep, cancellationToken: args.CancellationToken);
            await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken);
        }
    };
}
