using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using EvMonitor.Accounts;
using EvMonitor.Catalog;
using EvMonitor.History;
using EvMonitor.Journeys;
using EvMonitor.Login;
using EvMonitor.Monitoring;
using EvMonitor.Push;
using EvMonitor.Vehicles;
using EvMonitor.VehicleHealth;

namespace EvMonitor.Api;

/// <summary>
/// Every answer's JSON, written by source-generated code. Property names are the records' in
/// snake_case; nulls are written (<c>"next_cursor":null</c>) unless a property says otherwise.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OkAnswer))]
[JsonSerializable(typeof(ErrorAnswer))]
[JsonSerializable(typeof(FieldError))]
[JsonSerializable(typeof(LoginAnswer))]
[JsonSerializable(typeof(RegisterAnswer))]
[JsonSerializable(typeof(VehicleAnswer))]
[JsonSerializable(typeof(VehiclesAnswer))]
[JsonSerializable(typeof(DeleteVehicleAnswer))]
[JsonSerializable(typeof(MakesAnswer))]
[JsonSerializable(typeof(ModelsAnswer))]
[JsonSerializable(typeof(NameAnswer))]
[JsonSerializable(typeof(LatestAnswer))]
[JsonSerializable(typeof(HistoryAnswer))]
[JsonSerializable(typeof(TripsAnswer))]
[JsonSerializable(typeof(ChargesAnswer))]
[JsonSerializable(typeof(StatsAnswer))]
[JsonSerializable(typeof(PushAnswer))]
[JsonSerializable(typeof(HealthAnswer))]
[JsonSerializable(typeof(VehicleHealthAnswer))]
public sealed partial class ApiJsonContext : JsonSerializerContext
{
    /// <summary>Apostrophes and accents as they are: these bodies are JSON for apps, never embedded in HTML.</summary>
    public static ApiJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>An answer as its own record type declares it, whatever type it is held as.</summary>
    public static void Write(Utf8JsonWriter writer, Answer answer) =>
        JsonSerializer.Serialize(writer, answer, answer.GetType(), Wire);

    public static Task WriteAsync(Stream stream, Answer answer, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(stream, answer, answer.GetType(), Wire, cancellationToken);

    public static string ToJsonString(Answer answer) => JsonSerializer.Serialize(answer, answer.GetType(), Wire);
}
