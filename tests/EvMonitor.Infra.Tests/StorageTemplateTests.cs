using EvMonitor.Infra.Tests.Support;
using EvMonitor.Storage;
using Xunit;

namespace EvMonitor.Infra.Tests;

/// <summary>The storage account: Entra-only access, and exactly the tables and queues the code uses.</summary>
public class StorageTemplateTests
{
    private static ArmTemplate Template => CompiledMain.Template;

    [Fact]
    public void Storage_account_refuses_shared_keys_and_old_tls()
    {
        var account = Template.Single("Microsoft.Storage/storageAccounts");
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

        var created = CreatedNames("Microsoft.Storage/storageAccounts/tableServices/tables");

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

        var created = CreatedNames("Microsoft.Storage/storageAccounts/queueServices/queues");

        Assert.Equal(expected, created);
    }

    [Fact]
    public void Deployment_package_container_is_private()
    {
        var container = Template.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("None", container.Properties["publicAccess"]?.GetValue<string>());
    }

    /// <summary>The last segment of each child resource's name, which must resolve to a literal.</summary>
    private static List<string> CreatedNames(string type)
    {
        var names = new List<string>();
        foreach (var resource in Template.OfType(type))
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
