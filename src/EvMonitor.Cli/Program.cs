using EvMonitor.Cli;
using EvMonitor.Storage;
using Microsoft.Extensions.Configuration;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
if (configuration.GetSection(StorageClients.ConnectionName).Value is null && !configuration.GetSection(StorageClients.ConnectionName).GetChildren().Any())
{
    // Nothing configured: the local Azurite that scripts/start-local.sh runs, with its queues.
    configuration[StorageClients.ConnectionName] = "UseDevelopmentStorage=true";
    configuration[StorageNames.TelemetryQueueSetting] ??= StorageNames.DefaultTelemetryQueue;
}
return await OperatorCli.RunAsync(args, configuration, Console.Out, Console.Error);
