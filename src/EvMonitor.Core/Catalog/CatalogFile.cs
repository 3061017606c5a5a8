using System.Text.Json;
using System.Text.Json.Serialization;
using EvMonitor.Domain;

namespace EvMonitor.Catalog;

/// <summary>
/// The make/model catalog as shipped in <c>catalog/catalog.json</c>. Ids are fixed in the file so
/// every deployment, and every app that cached them, agrees on them; importing again updates names.
/// </summary>
public sealed class CatalogFile
{
    [JsonPropertyName("makes")] public List<MakeEntry> Makes { get; set; } = [];

    public sealed class MakeEntry
    {
        [JsonPropertyName("id")] public string Id { get; set; } = "";
        [JsonPropertyName("name")] public string Name { get; set; } = "";
        [JsonPropertyName("models")] public List<ModelEntry> Models { get; set; } = [];
    }

    public sealed class ModelEntry
    {
        [JsonPropertyName("id")] public string Id { get; set; } = "";
        [JsonPropertyName("name")] public string Name { get; set; } = "";
    }

    /// <exception cref="InvalidDataException">The file is not a valid catalog; the message says where.</exception>
    public static (IReadOnlyList<Make> Makes, IReadOnlyList<Model> Models) Read(string json)
    {
        CatalogFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogFile>(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The catalog is not valid JSON: {e.Message}", e);
        }
        if (file is null || file.Makes.Count == 0)
            throw new InvalidDataException("The catalog has no makes.");

        var makes = new List<Make>();
        var models = new List<Model>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var make in file.Makes)
        {
            CheckEntry(make.Id, make.Name, "make", ids);
            makes.Add(new Make(make.Id, make.Name));
            foreach (var model in make.Models)
            {
                CheckEntry(model.Id, model.Name, $"model of {make.Name}", ids);
                models.Add(new Model(model.Id, make.Id, model.Name));
            }
        }
        return (makes, models);
    }

    private static void CheckEntry(string id, string name, string what, HashSet<string> ids)
    {
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(name))
            throw new InvalidDataException($"A {what} needs an id and a name.");
        if (id.Length > 64 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new InvalidDataException($"The {what} id '{id}' must be up to 64 letters, digits, '-' or '_'.");
        if (!ids.Add(id))
            throw new InvalidDataException($"The id '{id}' appears twice in the catalog.");
    }
}
