using EvMonitor.LocalHost;
using EvMonitor.Storage;

var app = LocalServer.Build(args);
if (app.Services.GetRequiredService<LocalHostOptions>().ServesApi)
    await LocalSetup.RunAsync(app.Services, Console.Out);
else
    await app.Services.GetRequiredService<StorageClients>().EnsureCreatedAsync(); // the API process seeds the demo account
await app.RunAsync();
