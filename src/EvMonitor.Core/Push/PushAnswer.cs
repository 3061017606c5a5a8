namespace EvMonitor.Push;

/// <param name="Accepted">How many snapshots were queued: all of the push's.</param>
public sealed record PushAnswer(int Accepted) : Api.OkAnswer;
