namespace EvMonitor.Login;

/// <param name="Expires">Unix seconds.</param>
public sealed record LoginAnswer(string Token, long Expires) : Api.OkAnswer;
