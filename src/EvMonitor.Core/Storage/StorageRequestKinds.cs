namespace EvMonitor.Storage;

/// <summary>The <c>kind</c> tag of <c>evmonitor.storage.requests</c>: what storage bills a transaction for.</summary>
public static class StorageRequestKinds
{
    public const string Enqueue = "enqueue";
    public const string GetMessages = "get messages";
    /// <summary>A receive that found the queue empty: the trigger's polling.</summary>
    public const string GetMessagesEmpty = "get messages (empty)";
    public const string DeleteMessage = "delete message";
    /// <summary>A point read of one entity.</summary>
    public const string TableRead = "table read";
    public const string TableQuery = "table query";
    public const string Transaction = "entity-group transaction";
    /// <summary>An insert, update, upsert or delete of one entity.</summary>
    public const string SingleWrite = "single-entity write";
    public const string Other = "other";
}
