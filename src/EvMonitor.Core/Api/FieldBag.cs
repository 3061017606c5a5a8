namespace EvMonitor.Api;

/// <summary>The top-level fields of a request (<c>token</c>, <c>username</c>, …); nested keys are ignored.</summary>
public sealed class FieldBag : IFieldSink
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    public void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        if (key.IndexOf('[') >= 0)
            return;
        // As with PHP, a repeated key keeps its last value.
        _fields[key.ToString()] = value.ToString();
    }

    public string? this[string name] => _fields.TryGetValue(name, out var value) ? value : null;
}
