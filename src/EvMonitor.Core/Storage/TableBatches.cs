namespace EvMonitor.Storage;

public static class TableBatches
{
    /// <summary>An entity-group transaction holds at most 100 operations, all in one partition.</summary>
    public const int MaxActions = 100;
}
