using System.Text.Json.Serialization;

namespace EvMonitor.Client;

/// <summary>One of the user's vehicles. Every value is a string, as the API sends it.</summary>
/// <param name="Id">The <c>vehicle_id</c> to push to.</param>
/// <param name="UserId">The owner.</param>
/// <param name="Make">A make id (see <see cref="VehicleMake"/>).</param>
/// <param name="Model">A model id (see <see cref="VehicleModel"/>).</param>
/// <param name="Nickname">The user's name for it.</param>
/// <param name="Plan">The plan, <c>"0"</c> by default.</param>
/// <param name="TimeZone">The IANA time zone in which statistics' days and months start; null when the service does not send it.</param>
public sealed record Vehicle(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("make")] string Make,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("nickname")] string Nickname,
    [property: JsonPropertyName("plan")] string Plan,
    [property: JsonPropertyName("time_zone")] string? TimeZone = null);
