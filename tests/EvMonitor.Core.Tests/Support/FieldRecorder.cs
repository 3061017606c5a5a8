using EvMonitor.Api;

namespace EvMonitor.Core.Tests.Support;

/// <summary>Keeps every field the parser hands over, in order, repeats included.</summary>
public sealed class FieldRecorder : IFieldSink
{
    public List<(string Key, string Value)> Fields { get; } = [];

    public void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> value) => Fields.Add((key.ToString(), value.ToString()));
}
