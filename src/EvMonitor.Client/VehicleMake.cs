using System.Text.Json.Serialization;

namespace EvMonitor.Client;

/// <summary>A make of the catalog. Ids are stable across deployments.</summary>
/// <param name="Id">e.g. <c>energica</c>.</param>
/// <param name="Name">e.g. <c>Energica</c>.</param>
public sealed record VehicleMake(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name);
