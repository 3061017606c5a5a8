using EvMonitor.Infra.Tests.Support;
using EvMonitor.Storage;
using Xunit;

namespace EvMonitor.Infra.Tests;

/// <summary>The main storage account: Entra-only access, and exactly the tables and queues the code uses.</summary>
public class StorageTemplateTests
{
    private static ArmTemplate Template => CompiledMain.Template;

    /// <summary>The module that makes the main account; the telemetry accounts' modules are made by the same file (TelemetryAccountsTemplateTests).</summary>
    internal const string MainStorageModule = "main/storage";

    [Fact]
    public void Storage_account_refuses_shared_keys_and_old_tls()
    {
        var account = Assert.Single(Template.OfType("Microsoft.Storage/storageAccounts"), r => r.Scope.Path == MainStorageModule);
        var properties = account.Properties;

        Assert.False(properties["allowSharedKeyAccess"]?.GetValue<bool>() ?? true, "allowSharedKeyAccess must be false");
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]?.GetValue<string>());
        Assert.False(properties["allowBlobPublicAccess"]?.GetValue<bool>() ?? true, "allowBlobPublicAccess must be false");
        Assert.True(properties["supportsHttpsTrafficOnly"]?.GetValue<bool>() ?? false, "supportsHttpsTrafficOnly must be true");
    }

    [Fact]
    public void Template_creates_exactly_the_tables_the_code_uses()
    {
        var expected = new StorageNames().Tables.Order(StringComparer.Ordinal).ToList();

        var created = CreatedNames("Microsoft.Storage/storageAccounts/tableServices/tables", MainStorageModule);

        Assert.Equal(expected, created);
    }

    [Fact]
    public void Template_creates_exactly_the_queues_the_code_uses_including_the_poison_queue()
    {
        // Every shard the app can have, so that raising the shard count needs no new resource.
        var names = new StorageNames(TelemetryQueueShards: TelemetryShards.MaxCount);
        var expected = names.Queues.Order(StringComparer.Ordinal).ToList();
        Assert.Contains(names.TelemetryPoisonQueue, expected);
        Assert.Contains(names.TelemetryPoisonQueueOf(TelemetryShards.MaxCount - 1), expected);

        var created = CreatedNames("Microsoft.Storage/storageAccounts/queueServices/queues", MainStorageModule);

        Assert.Equal(expected, created);
    }

    [Fact]
    public void Deployment_package_container_is_private()
    {
        var container = Assert.Single(Template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"), r => r.Scope.Path == MainStorageModule);

        Assert.Equal("None", container.Properties["publicAccess"]?.GetValue<string>());
    }

    /// <summary>The last segment of the name of each child resource the module makes, which must resolve to a literal.</summary>
    internal static List<string> CreatedNames(string type, string module)
    {
        var names = new List<string>();
        foreach (var resource in Template.OfType(type).Where(r => r.Scope.Path == module))
        {
            // Child names compile to "[format('{0}/{1}/{2}', <account>, 'default', <name>)]".
            var name = resource.Scope.Inline(resource.Name);
            var match = System.Text.RegularExpressions.Regex.Match(name, @", '([^']+)'\)\]$");
            Assert.True(match.Success, $"cannot read the name of {resource}: {resource.Name}");
            names.Add(match.Groups[1].Value);
        }
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
