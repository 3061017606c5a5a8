using System.Text.Json;
using EvMonitor.Accounts;
using EvMonitor.Catalog;
using EvMonitor.Storage;
using EvMonitor.Vehicles;

namespace EvMonitor.LocalHost;

/// <summary>Makes a fresh local storage usable: tables and queues, the catalog, and a demo account with a vehicle.</summary>
public static class LocalSetup
{
    public const string DemoEmail = "demo@ev-monitor.local";
    public const string DemoPassword = "demo-password";

    public static async Task RunAsync(IServiceProvider services, TextWriter output)
    {
        var storage = services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync();

        var catalogPath = services.GetRequiredService<LocalHostOptions>().Catalog;
        var (makes, models) = CatalogFile.Read(await File.ReadAllTextAsync(catalogPath));
        await services.GetRequiredService<ICatalogStore>().UpsertAsync(makes, models);

        var accounts = services.GetRequiredService<AccountService>();
        var users = services.GetRequiredService<IUserStore>();
        var vehicles = services.GetRequiredService<IVehicleStore>();
        var user = await users.FindByEmailAsync(DemoEmail);
        if (user is null)
        {
            var registration = await accounts.CreateUserAsync(DemoEmail, DemoPassword, "Demo rider");
            user = registration.User
                ?? throw new InvalidOperationException("Could not create the demo user: " + RegisterEndpoint.ToResult(registration).ToJsonString());
        }
        var vehicle = (await vehicles.ListAsync(user!.UserId)).FirstOrDefault();
        if (vehicle is null)
        {
            var addition = await accounts.AddVehicleAsync(user.UserId, "energica", "energica-ss9", "The Rocket", "0");
            vehicle = addition.Vehicle
                ?? throw new InvalidOperationException("Could not add the demo vehicle: " + AddVehicleEndpoint.ToResult(addition).ToJsonString());
        }

        await output.WriteLineAsync("EV-Monitor local service: catalog imported (" + makes.Count + " makes, " + models.Count + " models); demo account:");
        await output.WriteLineAsync(JsonSerializer.Serialize(new { username = DemoEmail, password = DemoPassword, vehicle_id = vehicle!.Id, make = vehicle.MakeId, model = vehicle.ModelId }));
    }
}
