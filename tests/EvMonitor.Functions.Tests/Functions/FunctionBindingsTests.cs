using System.Reflection;
using EvMonitor.Api;
using EvMonitor.Functions.Functions;
using EvMonitor.Monitoring;
using EvMonitor.Storage;
using Microsoft.Azure.Functions.Worker;

namespace EvMonitor.Functions.Tests.Functions;

/// <summary>What the Functions host reads from the attributes: names, routes, access and the queue binding.</summary>
public sealed class FunctionBindingsTests
{
    private static readonly Dictionary<string, MethodInfo> Functions = typeof(HttpApi).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
        .Where(f => f.Attribute is not null)
        .ToDictionary(f => f.Attribute!.Name, f => f.Method);

    public static TheoryData<string> HttpFunctions =>
    [
        "login", "logout", "get_vehicles", "get_make", "get_model", "push",
        "register", "add_vehicle", "update_vehicle", "delete_vehicle", "get_makes", "get_models", "get_latest", "get_history",
        "get_trips", "get_charges", "get_stats", "export", "get_vehicle_health", "health",
    ];

    [Fact]
    public void DeclaresOneFunctionPerEndpointTheNormalizerAndTheTokenPurge()
    {
        Assert.Equal(
            [
                "add_vehicle", "delete_vehicle", "export", "get_charges", "get_history", "get_latest", "get_make", "get_makes", "get_model", "get_models",
                "get_stats", "get_trips", "get_vehicle_health", "get_vehicles", "health", "login", "logout", "normalize_telemetry", "normalize_telemetry_1",
                "normalize_telemetry_2", "normalize_telemetry_3", "normalize_telemetry_4", "normalize_telemetry_5", "normalize_telemetry_6",
                "normalize_telemetry_7", "openapi", "purge_expired", "push",
                "register", "update_vehicle", "zz_not_found",
            ],
            Functions.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PurgesExpiredTokensOnceADay()
    {
        var trigger = Functions["purge_expired"].GetParameters()
            .Select(p => p.GetCustomAttribute<TimerTriggerAttribute>())
            .Single(a => a is not null)!;

        Assert.Equal("0 17 3 * * *", trigger.Schedule);
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void ServesEveryHttpFunctionAnonymouslyAtItsNameForEveryMethod(string name)
    {
        var trigger = Assert.Single(Functions[name].GetParameters(), p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null)
            .GetCustomAttribute<HttpTriggerAttribute>()!;

        Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel);
        Assert.Equal(name, trigger.Route);
        // No method list: a GET reaches the function, which answers 405 with the JSON error body.
        Assert.Empty(trigger.Methods ?? []);
    }

    /// <summary>The <c>function</c> tag of <c>evmonitor.storage.unavailable</c> names the function an operator sees in the host's own telemetry.</summary>
    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void TagsAnEndpointsMetricsWithItsFunctionsName(string name)
    {
        var endpoint = Functions[name].DeclaringType!.GetConstructors().Single().GetParameters()
            .SingleOrDefault(p => typeof(IApiEndpoint).IsAssignableFrom(p.ParameterType));
        if (endpoint is null)
            Assert.Equal(HealthEndpoint.FunctionName, name);
        else
            Assert.Equal(name, ApiPipeline.FunctionName(endpoint.ParameterType));
    }

    [Fact]
    public void TagsTheNormalizersFailuresWithItsFunctionsName()
    {
        Assert.Equal(typeof(NormalizeTelemetryFunction), Functions[NormalizerFailures.FunctionName].DeclaringType);
    }

    [Fact]
    public void AnswersEveryOtherPathUnderTheRoutePrefixThroughACatchAllRouteForEveryMethod()
    {
        var trigger = Assert.Single(Functions[NotFoundFunction.Name].GetParameters(), p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null)
            .GetCustomAttribute<HttpTriggerAttribute>()!;

        Assert.Equal(AuthorizationLevel.Anonymous, trigger.AuthLevel);
        Assert.Equal("{*path}", trigger.Route);
        Assert.Empty(trigger.Methods ?? []);
    }

    [Fact]
    public void TheCatchAllFunctionsNameSortsAfterEveryOtherSoTheHostTriesItsRouteLast()
    {
        // The Functions host maps HTTP routes in function-name order and takes the first match
        // (its log: "Mapped function route ..." lines, alphabetical; shown in EvMonitor.HostTests).
        var others = Functions.Keys.Where(name => name != NotFoundFunction.Name).ToList();

        Assert.All(others, name => Assert.True(string.Compare(name, NotFoundFunction.Name, StringComparison.OrdinalIgnoreCase) < 0, name));
        Assert.All(others, name => Assert.True(string.CompareOrdinal(name, NotFoundFunction.Name) < 0, name));
    }

    [Fact]
    public void TriggersTheNormalizerFromTheQueueTheTelemetryQueueSettingNamesOnTheHostsStorage()
    {
        var trigger = QueueTrigger("normalize_telemetry");

        // A binding expression: the host resolves it from the app setting EvMonitor__TelemetryQueue,
        // which the push endpoint reads too (checked under the real host in EvMonitor.HostTests).
        Assert.Equal("%EvMonitor:TelemetryQueue%", trigger.QueueName);
        Assert.Equal("AzureWebJobsStorage", trigger.Connection);
        Assert.Equal(typeof(NormalizeTelemetryFunction), Functions["normalize_telemetry"].DeclaringType);
    }

    [Fact]
    public void EveryTelemetryShardHasAFunctionTriggeredFromTheQueueThePushEndpointPicksForIt()
    {
        var names = new StorageNames(TelemetryQueueName: "ingest", TelemetryQueueShards: TelemetryShards.MaxCount);

        for (var shard = 0; shard < TelemetryShards.MaxCount; shard++)
        {
            var trigger = QueueTrigger(NormalizeTelemetryFunction.FunctionName(shard));
            // The host replaces %name% inside the queue name by the setting's value (under the real host: EvMonitor.HostTests).
            Assert.Equal(names.TelemetryQueueOf(shard), trigger.QueueName.Replace("%EvMonitor:TelemetryQueue%", "ingest", StringComparison.Ordinal));
            // The connection the app reads the shard's account from, a constant name: shard 0 the host's own storage.
            Assert.Equal(shard == 0 ? "AzureWebJobsStorage" : $"TelemetryShard{shard}", trigger.Connection);
            Assert.Equal(StorageClients.ShardConnectionName(shard), trigger.Connection);
        }
        Assert.Equal(TelemetryShards.MaxCount, Functions.Values.Count(m => m.DeclaringType == typeof(NormalizeTelemetryFunction)));
    }

    [Fact]
    public void ShardSettingsDisableExactlyTheShardFunctionsPastTheCount()
    {
        var settings = NormalizeTelemetryFunction.ShardSettings(3, "main");

        Assert.Equal("3", settings["EvMonitor:TelemetryQueueShards"]);
        Assert.Equal(["false", "false", "true", "true", "true", "true", "true"],
            Enumerable.Range(1, TelemetryShards.MaxCount - 1).Select(k => settings[$"AzureWebJobs.normalize_telemetry_{k}.Disabled"]));
        Assert.False(settings.ContainsKey("AzureWebJobs.normalize_telemetry.Disabled"));
    }

    [Fact]
    public void ShardSettingsGiveShardKTheConnectionOfAccountKModM()
    {
        var settings = NormalizeTelemetryFunction.ShardSettings(4, "main", "second");

        Assert.Equal("2", settings["EvMonitor:TelemetryStorageAccounts"]);
        Assert.Equal("main", settings["AzureWebJobsStorage"]);
        // Every shard function's, used or not: the host indexes them all and leaves out one without its connection.
        Assert.Equal(["second", "main", "second", "main", "second", "main", "second"],
            Enumerable.Range(1, TelemetryShards.MaxCount - 1).Select(k => settings[$"TelemetryShard{k}"]));
    }

    private static QueueTriggerAttribute QueueTrigger(string function) =>
        Functions[function].GetParameters().Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).Single(a => a is not null)!;
}
