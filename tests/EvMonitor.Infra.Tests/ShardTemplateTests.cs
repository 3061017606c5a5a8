using System.Text.Json.Nodes;
using EvMonitor.Infra.Tests.Support;
using EvMonitor.Storage;
using Xunit;

namespace EvMonitor.Infra.Tests;

/// <summary>The telemetry queue shards: one deployment parameter, the app's setting, and the host's switch for the functions past it.</summary>
public class ShardTemplateTests
{
    private static ArmTemplate Template => CompiledMain.Template;

    private static DeployedResource Site => Template.Single("Microsoft.Web/sites");

    [Fact]
    public void The_shard_count_is_a_parameter_from_one_to_the_most_the_app_has()
    {
        var parameter = Template.Root["parameters"]?["telemetryQueueShards"];

        Assert.NotNull(parameter);
        Assert.Equal(1, parameter["defaultValue"]?.GetValue<int>());
        Assert.Equal(1, parameter["minValue"]?.GetValue<int>());
        Assert.Equal(TelemetryShards.MaxCount, parameter["maxValue"]?.GetValue<int>());
    }

    [Fact]
    public void The_app_gets_the_shard_count_and_the_functions_past_it_are_disabled()
    {
        var settings = FunctionAppTemplateTests.AppSettings(Site);
        var shards = Site.Scope.Resolve(JsonValue.Create("[parameters('telemetryQueueShards')]"));
        // Passed down unchanged from the deployment's parameter.
        Assert.Equal("[parameters('telemetryQueueShards')]", shards?.GetValue<string>());

        Assert.Equal("[string(parameters('telemetryQueueShards'))]", settings["EvMonitor__TelemetryQueueShards"]);
        // Shard 0's function always runs; shard k's (normalize_telemetry_k, as the app names it) only when there are more than k shards.
        Assert.DoesNotContain(PlatformReference.FunctionDisabledSetting("normalize_telemetry"), settings.Keys);
        for (var shard = 1; shard < TelemetryShards.MaxCount; shard++)
            Assert.Equal($"[string(lessOrEquals(parameters('telemetryQueueShards'), {shard}))]", settings[PlatformReference.FunctionDisabledSetting($"normalize_telemetry_{shard}")]);
    }
}
