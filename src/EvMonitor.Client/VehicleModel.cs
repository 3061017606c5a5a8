using System.Text.Json.Serialization;

namespace EvMonitor.Client;

/// <summary>A model of the catalog. Ids are stable across deployments.</summary>
/// <param name="Id">e.g. <c>energica-ss9</c>.</param>
/// <param name="Make">Its make's id, e.g. <c>energica</c>.</param>
/// <param name="Name">e.g. <c>SS9</c>.</param>
public sealed record VehicleModel(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("make")] string Make,
    [property: JsonPropertyName("name")] string Name);
