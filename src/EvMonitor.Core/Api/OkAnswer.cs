namespace EvMonitor.Api;

/// <summary><c>{"SUCCESS":"OK"}</c>, and the base of every answer with fields of its own.</summary>
public record OkAnswer() : Answer("OK");
