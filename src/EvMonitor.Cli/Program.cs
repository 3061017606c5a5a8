using EvMonitor.Cli;
using EvMonitor.Storage;
using Microsoft.Extensions.Configuration;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
if (configuration.GetSection(StorageClients.ConnectionName).Value is null && !configuration.GetSection(StorageClients.ConnectionName).GetChildren().Any())
{
    // Nothing configured: the local Azurite that scripts/start-local.sh runs.
    configuration[StorageClients.ConnectionName] = "UseDevelopmentStorage=true";
}
return await OperatorCli.RunAsync(args, configuration, Console.Out, Console.Error);
