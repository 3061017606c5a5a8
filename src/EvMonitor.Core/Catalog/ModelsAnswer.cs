namespace EvMonitor.Catalog;

public sealed record ModelsAnswer(IReadOnlyList<ModelView> Models) : Api.OkAnswer;
