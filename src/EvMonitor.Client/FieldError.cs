using System.Text.Json.Serialization;

namespace EvMonitor.Client;

/// <summary>One invalid field of a request, as the service names it (<c>data[0][general][speed]</c>).</summary>
/// <param name="Field">The field, spelled as the form encoding spells it.</param>
/// <param name="Error">What is wrong with it, e.g. <c>must be a number</c>.</param>
public sealed record FieldError(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("error")] string Error);
