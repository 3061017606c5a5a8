namespace EvMonitor.Api;

/// <summary>The top-level fields of a request (<c>token</c>, <c>username</c>, …); nested keys are ignored.</summary>
public sealed class FieldBag : IFieldSink
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    /// <summary>True once the body names more than <see cref="ApiLimits.MaxTopLevelFields"/> top-level fields; the rest are not kept.</summary>
    public bool TooManyFields { get; private set; }

    public void Add(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        if (key.IndexOf('[') >= 0)
            return;
        // Every name is kept until the end of the body, so their number is bounded, not just their length.
        if (_fields.Count >= ApiLimits.MaxTopLevelFields && !_fields.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(key))
        {
            TooManyFields = true;
            return;
        }
        // As with PHP, a repeated key keeps its last value.
        _fields[key.ToString()] = value.ToString();
    }

    public string? this[string name] => _fields.TryGetValue(name, out var value) ? value : null;
}
