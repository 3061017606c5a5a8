namespace EvMonitor.Catalog;

public sealed record ModelView(string Id, string Make, string Name);
