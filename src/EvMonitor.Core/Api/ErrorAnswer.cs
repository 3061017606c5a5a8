using System.Text.Json.Serialization;

namespace EvMonitor.Api;

/// <summary>The error form: a sentence for people, a code for programs, and the invalid fields when there are any.</summary>
public sealed record ErrorAnswer(string Error, string Code) : Answer("ERROR")
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FieldError>? Errors { get; init; }

    /// <summary>How many problems were found beyond those listed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MoreErrors { get; init; }
}
