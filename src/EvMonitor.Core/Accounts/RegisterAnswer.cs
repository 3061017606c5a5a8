namespace EvMonitor.Accounts;

public sealed record RegisterAnswer(string UserId) : Api.OkAnswer;
