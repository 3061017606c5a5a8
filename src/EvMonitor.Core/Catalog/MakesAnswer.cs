using EvMonitor.Domain;

namespace EvMonitor.Catalog;

public sealed record MakesAnswer(IReadOnlyList<Make> Makes) : Api.OkAnswer;
