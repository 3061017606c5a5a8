namespace EvMonitor.Catalog;

/// <summary>What <c>get_make</c> and <c>get_model</c> answer.</summary>
public sealed record NameAnswer(string Name) : Api.OkAnswer;
