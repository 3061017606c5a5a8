using EvMonitor.Domain;
using EvMonitor.Storage;

namespace EvMonitor.Cli;

/// <summary>Operators name makes and models as people do ("Energica", "SS9"); apps use ids. Either works here.</summary>
public static class CatalogLookup
{
    public static async Task<Make?> FindMakeAsync(ICatalogStore catalog, string idOrName) =>
        await catalog.FindMakeAsync(idOrName)
        ?? (await catalog.ListMakesAsync()).FirstOrDefault(m => string.Equals(m.Name, idOrName, StringComparison.OrdinalIgnoreCase));

    public static async Task<Model?> FindModelAsync(ICatalogStore catalog, Make make, string idOrName)
    {
        var byId = await catalog.FindModelAsync(idOrName);
        if (byId?.MakeId == make.Id)
            return byId;
        return (await catalog.ListModelsAsync(make.Id)).FirstOrDefault(m => string.Equals(m.Name, idOrName, StringComparison.OrdinalIgnoreCase));
    }
}
