using System.Text.Json.Serialization;

namespace EvMonitor.Api;

/// <summary>
/// The body of every answer: <c>"SUCCESS"</c> first, then the fields of the answer's own record in
/// the order they are declared (snake_case, written by <see cref="ApiJsonContext"/>).
/// </summary>
public abstract record Answer(
    [property: JsonPropertyName("SUCCESS"), JsonPropertyOrder(-1)] string Success);
