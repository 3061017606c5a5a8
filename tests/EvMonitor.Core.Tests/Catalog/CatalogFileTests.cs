using EvMonitor.Catalog;

namespace EvMonitor.Core.Tests.Catalog;

public sealed class CatalogFileTests
{
    [Fact]
    public void ReadsMakesAndTheirModels()
    {
        var (makes, models) = CatalogFile.Read("""
            {"makes":[
              {"id":"energica","name":"Energica","models":[{"id":"energica-ss9","name":"SS9"},{"id":"energica-ego","name":"Ego"}]},
              {"id":"zero_motorcycles","name":"Zero Motorcycles","models":[]}]}
            """);

        Assert.Equal([new("energica", "Energica"), new("zero_motorcycles", "Zero Motorcycles")], makes);
        Assert.Equal([new("energica-ss9", "energica", "SS9"), new("energica-ego", "energica", "Ego")], models);
    }

    [Theory]
    [InlineData("""{"makes":[{"id":"energica","name":"Energica","models":[{"id":"energica","name":"SS9"}]}]}""", "'energica' appears twice")]
    [InlineData("""{"makes":[{"id":"energica","name":"Energica"},{"id":"energica","name":"Energica Motor"}]}""", "'energica' appears twice")]
    [InlineData("""{"makes":[{"id":"energica motor","name":"Energica"}]}""", "'energica motor'")]
    [InlineData("""{"makes":[{"id":"energica/ss9","name":"Energica"}]}""", "'energica/ss9'")]
    [InlineData("""{"makes":[{"id":"énergica","name":"Energica"}]}""", "'énergica'")]
    [InlineData("""{"makes":[{"id":"energica","name":"Energica","models":[{"id":"","name":"SS9"}]}]}""", "needs an id and a name")]
    [InlineData("""{"makes":[{"id":"energica","name":" "}]}""", "needs an id and a name")]
    [InlineData("""{"makes":[]}""", "no makes")]
    [InlineData("""{"makes":[""", "not valid JSON")]
    public void ThrowsInvalidDataNamingTheProblem(string json, string problem)
    {
        var e = Assert.Throws<InvalidDataException>(() => CatalogFile.Read(json));

        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void ThrowsInvalidDataGivenAnIdLongerThan64Characters()
    {
        var id = new string('a', 65);

        Assert.Throws<InvalidDataException>(() => CatalogFile.Read($$"""{"makes":[{"id":"{{id}}","name":"A"}]}"""));
    }

    [Fact]
    public void ReadsTheShippedCatalogWithTheEnergicaSs9()
    {
        var (makes, models) = CatalogFile.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "catalog.json")));

        Assert.Contains(makes, m => m is { Id: "energica", Name: "Energica" });
        Assert.Contains(models, m => m is { Id: "energica-ss9", MakeId: "energica", Name: "SS9" });
    }
}
