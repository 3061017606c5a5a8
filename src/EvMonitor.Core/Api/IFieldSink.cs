namespace EvMonitor.Api;

/// <summary>
/// Receives the body's fields one by one as form-style keys (<c>data[0][general][speed]</c>),
/// whichever encoding they came in. The spans are only valid during the call.
/// </summary>
public interface IFieldSink
{
    void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> value);
}
