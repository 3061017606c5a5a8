using EvMonitor.LocalHost;
using EvMonitor.Storage;

var app = LocalServer.Build(args);
if (LocalServer.Role(app.Configuration).Api)
    await LocalSetup.RunAsync(app.Services, app.Configuration, Console.Out);
else
    await app.Services.GetRequiredService<StorageClients>().EnsureCreatedAsync(); // the API process seeds the demo account
await app.RunAsync();
