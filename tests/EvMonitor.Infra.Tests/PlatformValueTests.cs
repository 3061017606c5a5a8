using System.Text.Json.Nodes;
using EvMonitor.Api;
using EvMonitor.Infra.Tests.Support;
using EvMonitor.Storage;
using Xunit;

namespace EvMonitor.Infra.Tests;

/// <summary>Every value the platform defines, held against Microsoft's references (see <see cref="PlatformReference"/>).</summary>
public class PlatformValueTests
{
    private static ArmTemplate Template => CompiledMain.Template;

    private static DeployedResource Site => Template.Single("Microsoft.Web/sites");

    [Fact]
    public void Every_resource_uses_a_published_api_version_of_its_type()
    {
        var used = ResourceDeclarations(Template.Root).ToList();
        Assert.Contains(used, u => u.Type == "Microsoft.Insights/scheduledQueryRules");

        Assert.All(used, u =>
        {
            Assert.True(PlatformReference.PublishedApiVersions.TryGetValue(u.Type, out var versions), $"{u.Type} has no published API versions in the reference table");
            Assert.True(versions.Contains(u.ApiVersion), $"{u.Type}@{u.ApiVersion} is not a published API version ({string.Join(", ", versions)})");
        });
    }

    [Fact]
    public void Flex_runtime_is_the_published_dotnet_isolated_10_and_memory_a_published_size()
    {
        var config = Site.Properties["functionAppConfig"];

        Assert.Equal(PlatformReference.FlexRuntimeName, config?["runtime"]?["name"]?.GetValue<string>());
        Assert.Equal(PlatformReference.FlexRuntimeVersion, config?["runtime"]?["version"]?.GetValue<string>());

        Assert.Equal("[parameters('instanceMemoryMB')]", config?["scaleAndConcurrency"]?["instanceMemoryMB"]?.GetValue<string>());
        var parameter = Site.Scope.Template["parameters"]?["instanceMemoryMB"];
        var allowed = (parameter?["allowedValues"] as JsonArray ?? []).Select(v => v!.GetValue<int>()).Order().ToArray();
        Assert.Equal(PlatformReference.FlexInstanceMemoryMB, allowed);
        Assert.Contains(parameter!["defaultValue"]!.GetValue<int>(), PlatformReference.FlexInstanceMemoryMB);
    }

    [Fact]
    public void Site_sets_no_property_flex_consumption_deprecates()
    {
        var site = Site;
        var set = PropertyNames(site.Properties).ToList();
        Assert.Contains("minTlsVersion", set);

        foreach (var deprecated in PlatformReference.FlexDeprecatedSiteProperties)
            Assert.DoesNotContain(set, name => string.Equals(name, deprecated, StringComparison.OrdinalIgnoreCase));
        foreach (var deprecated in PlatformReference.FlexDeprecatedAppSettings)
            Assert.DoesNotContain(deprecated, FunctionAppTemplateTests.AppSettings(site).Keys, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_app_setting_is_one_the_platform_reads_or_one_the_app_defines()
    {
        var names = FunctionAppTemplateTests.AppSettings(Site).Keys.ToList();

        Assert.All(PlatformReference.PlatformAppSettings, expected => Assert.Contains(expected, names));
        // The app's own settings: EvMonitor__<option>, read through the EvMonitor configuration section.
        // And the platform's switch that turns off the telemetry shard functions past the shard count,
        // and each shard function's identity-based connection, in the platform's setting names.
        var shardSwitches = Enumerable.Range(1, TelemetryShards.MaxCount - 1).Select(k => PlatformReference.FunctionDisabledSetting($"normalize_telemetry_{k}"));
        var shardConnections = Enumerable.Range(1, TelemetryShards.MaxCount - 1).SelectMany(k =>
            new[] { "queueServiceUri", "tableServiceUri", "credential", "clientId" }.Select(p => PlatformReference.IdentityConnectionSetting(StorageClients.ShardConnectionName(k), p)));
        var own = names.Except(PlatformReference.PlatformAppSettings).Except(shardSwitches).Except(shardConnections).ToList();
        Assert.Equal(["EvMonitor__TelemetryQueue", "EvMonitor__TelemetryQueueShards", "EvMonitor__TelemetryStorageAccounts"], own);
    }

    [Fact]
    public void Telemetry_queue_setting_names_the_queue_the_template_creates()
    {
        var value = Site.Scope.ResolveLiteral(JsonValue.Create(FunctionAppTemplateTests.AppSettings(Site)["EvMonitor__TelemetryQueue"]));

        Assert.Equal(StorageNames.DefaultTelemetryQueue, value);
        Assert.Contains(value + "-poison", Template.Root["variables"]?["queueNames"]?.ToJsonString());
    }

    [Fact]
    public void Host_request_body_limit_is_just_over_the_api_limit_in_bytes()
    {
        var expression = FunctionAppTemplateTests.AppSettings(Site)["FUNCTIONS_REQUEST_BODY_SIZE_LIMIT"];
        Assert.Equal("[string(variables('hostRequestBodyLimitBytes'))]", expression);
        var limit = Site.Scope.Template["variables"]?["hostRequestBodyLimitBytes"]?.ToString();

        // The host parses the value with long.TryParse, as bytes; 1 MiB + 64 KiB.
        Assert.True(long.TryParse(limit, out var bytes), $"not a byte count: {limit}");
        Assert.InRange(bytes, ApiLimits.MaxBodyBytes + 1, ApiLimits.MaxBodyBytes + 64 * 1024);
    }

    [Fact]
    public void Location_is_an_azd_location_limited_to_the_flex_consumption_regions()
    {
        var location = Template.Root["parameters"]?["location"];

        Assert.Equal("location", location?["metadata"]?["azd"]?["type"]?.GetValue<string>());
        var allowed = (location?["allowedValues"] as JsonArray ?? []).Select(v => v!.GetValue<string>()).Order().ToArray();
        Assert.Equal(PlatformReference.FlexConsumptionRegions.Order().ToArray(), allowed);
    }

    [Fact]
    public void Parameters_file_passes_the_signed_in_principals_id_and_type_as_azd_substitutes_them()
    {
        var file = JsonNode.Parse(Repository.ReadText("infra/main.parameters.json"))!["parameters"]!;

        Assert.Equal(PlatformReference.AzdPrincipalId, file["principalId"]?["value"]?.GetValue<string>());
        Assert.Equal(PlatformReference.AzdPrincipalType, file["principalType"]?["value"]?.GetValue<string>());
        // azd's principal types are User and ServicePrincipal; the parameter must accept both.
        var allowed = Template.Root["parameters"]?["principalType"]?["allowedValues"]?.ToJsonString() ?? "";
        Assert.Contains("\"User\"", allowed);
        Assert.Contains("\"ServicePrincipal\"", allowed);
    }

    /// <summary>Every resource declaration (type and apiVersion) in the template and its modules, 'existing' ones included.</summary>
    private static IEnumerable<(string Type, string ApiVersion)> ResourceDeclarations(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue type && obj["apiVersion"] is JsonValue version
                    && type.TryGetValue<string>(out var t) && version.TryGetValue<string>(out var v) && !t.StartsWith('['))
                    yield return (t, v);
                foreach (var (_, child) in obj)
                    foreach (var found in ResourceDeclarations(child))
                        yield return found;
                break;
            case JsonArray array:
                foreach (var child in array)
                    foreach (var found in ResourceDeclarations(child))
                        yield return found;
                break;
        }
    }

    /// <summary>Names of the site's properties and of its siteConfig's, app settings aside.</summary>
    private static IEnumerable<string> PropertyNames(JsonObject properties)
    {
        foreach (var (name, value) in properties)
        {
            yield return name;
            if (name == "siteConfig" && value is JsonObject siteConfig)
                foreach (var (inner, _) in siteConfig)
                    yield return inner;
        }
    }
}
