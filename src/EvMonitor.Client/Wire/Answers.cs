using System.Text.Json.Serialization;

namespace EvMonitor.Client.Wire;

// The JSON body of each OK answer, and of every error answer.

internal record Answer
{
    [JsonPropertyName("SUCCESS")] public string? Success { get; init; }
}

internal sealed record ErrorAnswer(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("errors")] List<FieldError>? Errors) : Answer;

internal sealed record LoginAnswer(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires")] long Expires) : Answer;

internal sealed record RegisterAnswer([property: JsonPropertyName("user_id")] string UserId) : Answer;

internal sealed record VehiclesAnswer([property: JsonPropertyName("vehicles")] List<Vehicle> Vehicles) : Answer;

internal sealed record VehicleAnswer([property: JsonPropertyName("vehicle")] Vehicle Vehicle) : Answer;

internal sealed record VehicleIdAnswer([property: JsonPropertyName("vehicle_id")] string VehicleId) : Answer;

internal sealed record NameAnswer([property: JsonPropertyName("name")] string Name) : Answer;

internal sealed record MakesAnswer([property: JsonPropertyName("makes")] List<VehicleMake> Makes) : Answer;

internal sealed record ModelsAnswer([property: JsonPropertyName("models")] List<VehicleModel> Models) : Answer;

internal sealed record PushAnswer([property: JsonPropertyName("accepted")] int Accepted) : Answer;

internal sealed record LatestAnswer([property: JsonPropertyName("snapshot")] StoredSnapshotWire? Snapshot) : Answer;

internal sealed record HistoryAnswer(
    [property: JsonPropertyName("snapshots")] List<StoredSnapshotWire> Snapshots,
    [property: JsonPropertyName("next_cursor")] string? NextCursor) : Answer;

internal sealed record TripsAnswer(
    [property: JsonPropertyName("trips")] List<Trip> Trips,
    [property: JsonPropertyName("next_cursor")] string? NextCursor) : Answer;

internal sealed record ChargesAnswer(
    [property: JsonPropertyName("charges")] List<ChargingSession> Charges,
    [property: JsonPropertyName("next_cursor")] string? NextCursor) : Answer;

internal sealed record StatsAnswer(
    [property: JsonPropertyName("vehicle_id")] string VehicleId,
    [property: JsonPropertyName("time_zone")] string TimeZone,
    [property: JsonPropertyName("periods")] List<PeriodStats> Periods) : Answer;
