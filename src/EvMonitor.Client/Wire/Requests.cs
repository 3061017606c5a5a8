using System.Text.Json.Serialization;

namespace EvMonitor.Client.Wire;

// The JSON body of each request (docs/api.md, docs/api-extensions.md). The token travels in the
// Authorization header, so no request carries it.

internal sealed record NoFields;

internal sealed record LoginRequest(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("password")] string Password);

internal sealed record RegisterRequest(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("name")] string? Name);

internal sealed record MakeRequest([property: JsonPropertyName("make")] string? Make);

internal sealed record ModelRequest([property: JsonPropertyName("model")] string Model);

internal sealed record AddVehicleRequest(
    [property: JsonPropertyName("make")] string Make,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("nickname")] string Nickname,
    [property: JsonPropertyName("plan")] string? Plan);

internal sealed record UpdateVehicleRequest(
    [property: JsonPropertyName("vehicle_id")] string VehicleId,
    [property: JsonPropertyName("nickname")] string? Nickname,
    [property: JsonPropertyName("time_zone")] string? TimeZone);

internal sealed record VehicleRequest([property: JsonPropertyName("vehicle_id")] string VehicleId);

// get_history, get_trips and get_charges: one page of a range.
internal sealed record HistoryRequest(
    [property: JsonPropertyName("vehicle_id")] string VehicleId,
    [property: JsonPropertyName("from")] long From,
    [property: JsonPropertyName("to")] long To,
    [property: JsonPropertyName("limit")] int? Limit,
    [property: JsonPropertyName("cursor")] string? Cursor);

internal sealed record StatsRequest(
    [property: JsonPropertyName("vehicle_id")] string VehicleId,
    [property: JsonPropertyName("from")] long From,
    [property: JsonPropertyName("to")] long To,
    [property: JsonPropertyName("period")] string Period);

internal sealed record ExportRequest(
    [property: JsonPropertyName("vehicle_id")] string VehicleId,
    [property: JsonPropertyName("from")] long From,
    [property: JsonPropertyName("to")] long To,
    [property: JsonPropertyName("format")] string Format);
