using EvMonitor.LocalHost;

var app = LocalServer.Build(args);
await LocalSetup.RunAsync(app.Services, app.Configuration, Console.Out);
await app.RunAsync();
