using System.Text.Json.Nodes;
using EvMonitor.Infra.Tests.Support;
using EvMonitor.Storage;
using Xunit;

namespace EvMonitor.Infra.Tests;

/// <summary>
/// The telemetry storage accounts: one deployment parameter M, accounts 1 to M-1 made by the same
/// module as the main one, with the telemetry tables and queues, and every shard function's
/// identity-based connection naming account k mod M.
/// </summary>
public class TelemetryAccountsTemplateTests
{
    private static ArmTemplate Template => CompiledMain.Template;

    private static DeployedResource Site => Template.Single("Microsoft.Web/sites");

    private static List<DeployedResource> TelemetryModules => Template.Resources
        .Where(r => r.Type == "Microsoft.Resources/deployments" && r.Name.Contains("telemetry-storage-", StringComparison.Ordinal))
        .ToList();

    [Fact]
    public void The_account_count_is_a_parameter_from_one_to_the_most_shards_the_app_has_defaulting_to_one()
    {
        var parameter = Template.Root["parameters"]?["telemetryStorageAccounts"];

        Assert.NotNull(parameter);
        Assert.Equal(1, parameter["defaultValue"]?.GetValue<int>());
        Assert.Equal(1, parameter["minValue"]?.GetValue<int>());
        Assert.Equal(TelemetryShards.MaxCount, parameter["maxValue"]?.GetValue<int>());
    }

    [Fact]
    public void Account_j_is_made_only_when_j_is_below_the_account_count_with_the_main_accounts_settings()
    {
        var main = Assert.Single(Template.OfType("Microsoft.Storage/storageAccounts"), r => r.Scope.Path == StorageTemplateTests.MainStorageModule);

        Assert.Equal(Enumerable.Range(1, TelemetryShards.MaxCount - 1).Select(j => $"[format('telemetry-storage-{{0}}', {j})]"), TelemetryModules.Select(m => m.Name));
        foreach (var (module, j) in TelemetryModules.Select((m, i) => (m, i + 1)))
        {
            // With the default of 1, none is made: the deployment is exactly the single account of before.
            Assert.Equal($"\"[less({j}, parameters('telemetryStorageAccounts'))]\"", module.Condition);
            var account = Assert.Single(Template.OfType("Microsoft.Storage/storageAccounts"), r => r.Scope.Path == $"main/{module.Name}");
            // The same resource of the same file: security settings, kind and SKU as the main account's.
            Assert.Equal(JsonText.Of(main.Properties), JsonText.Of(account.Properties));
            Assert.Equal(JsonText.Of(main.Body["sku"]), JsonText.Of(account.Body["sku"]));
            Assert.Equal(main.Body["kind"]?.ToString(), account.Body["kind"]?.ToString());
            // No deployment package container: the module is given no name for one, and makes it only given one.
            Assert.Null(module.Properties["parameters"]?["deploymentContainerName"]);
            var container = Assert.Single(Template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), r => r.Scope.Path == $"main/{module.Name}");
            Assert.Equal("\"[not(empty(parameters('deploymentContainerName')))]\"", container.Condition);
            Assert.Equal("", container.Scope.Template["parameters"]?["deploymentContainerName"]?["defaultValue"]?.GetValue<string>());
        }
    }

    [Fact]
    public void Each_telemetry_account_holds_the_tables_keyed_by_vehicle_and_every_shards_queues()
    {
        var names = new StorageNames(TelemetryQueueShards: TelemetryShards.MaxCount);

        foreach (var module in TelemetryModules)
        {
            Assert.Equal(names.TelemetryAccountTables.Order(StringComparer.Ordinal),
                StorageTemplateTests.CreatedNames("Microsoft.Storage/storageAccounts/tableServices/tables", $"main/{module.Name}"));
            Assert.Equal(names.Queues.Order(StringComparer.Ordinal),
                StorageTemplateTests.CreatedNames("Microsoft.Storage/storageAccounts/queueServices/queues", $"main/{module.Name}"));
        }
    }

    [Fact]
    public void Telemetry_account_names_are_the_main_one_then_distinct_valid_names_and_the_first_m_are_passed_to_the_app()
    {
        var all = Template.RootScope.Resolve(JsonValue.Create("[variables('allTelemetryAccountNames')]")) as JsonArray;

        Assert.NotNull(all);
        Assert.Equal(TelemetryShards.MaxCount, all.Count);
        Assert.Equal("[variables('storageAccountName')]", all[0]?.ToString());
        Assert.Equal("[format('st{0}', variables('resourceToken'))]", Template.Root["variables"]?["storageAccountName"]?.ToString());
        // uniqueString gives 13 characters ("Bicep functions - string", uniqueString): "st", a digit and
        // the token stay within the platform's limit.
        Assert.Contains("uniqueString(", Template.Root["variables"]?["resourceToken"]?.ToString());
        Assert.InRange("st7".Length + 13, 3, PlatformReference.StorageAccountNameMaxLength);
        for (var j = 1; j < TelemetryShards.MaxCount; j++)
        {
            Assert.Equal($"[format('st{j}{{0}}', variables('resourceToken'))]", all[j]?.ToString());
            var module = TelemetryModules[j - 1];
            Assert.Equal($"[variables('allTelemetryAccountNames')[{j}]]", module.Properties["parameters"]?["name"]?["value"]?.ToString());
        }

        var function = Template.Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && r.Name == "function");
        Assert.Equal("[variables('telemetryAccountNames')]", function.Properties["parameters"]?["telemetryAccountNames"]?["value"]?.ToString());
        Assert.Equal("[take(variables('allTelemetryAccountNames'), parameters('telemetryStorageAccounts'))]", Template.Root["variables"]?["telemetryAccountNames"]?.ToString());
    }

    [Fact]
    public void Every_shard_function_gets_the_identity_based_connection_of_account_k_mod_m()
    {
        var settings = FunctionAppTemplateTests.AppSettings(Site);

        Assert.Equal("[string(length(parameters('telemetryAccountNames')))]", settings["EvMonitor__TelemetryStorageAccounts"]);
        for (var shard = 1; shard < TelemetryShards.MaxCount; shard++)
        {
            // The connection the shard's trigger names (the app's constant), in the platform's setting names;
            // the endpoint is the standard one, https://<account>.<service>.core.windows.net in Azure's
            // public cloud ("Storage account overview", Standard endpoints), the suffix taken from the
            // deployment's cloud.
            var connection = StorageClients.ShardConnectionName(shard);
            var account = $"parameters('telemetryAccountNames')[mod({shard}, length(parameters('telemetryAccountNames')))]";
            foreach (var service in new[] { "queue", "table" })
            {
                Assert.Equal($"[format('https://{{0}}.{service}.{{1}}/', {account}, environment().suffixes.storage)]",
                    settings[PlatformReference.IdentityConnectionSetting(connection, $"{service}ServiceUri")]);
            }
            Assert.Equal(PlatformReference.ManagedIdentityCredential, settings[PlatformReference.IdentityConnectionSetting(connection, "credential")]);
            Assert.Equal(settings["AzureWebJobsStorage__clientId"], settings[PlatformReference.IdentityConnectionSetting(connection, "clientId")]);
            Assert.DoesNotContain(connection, settings.Keys);
        }
    }
}
