using Azure.Core;
using Azure.Core.Pipeline;

namespace EvMonitor.Storage;

/// <summary>
/// Dates each attempt of a storage request: the service requires <c>x-ms-date</c> (or <c>Date</c>) on
/// every authorized request and refuses one older than 15 minutes ("Authorize with Shared Key",
/// Azure Storage REST reference), so a retry gets a fresh one before it is signed.
/// </summary>
public sealed class StorageDatePolicy : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
}
