using System.Text.Json.Nodes;
using EvMonitor.Infra.Tests.Support;
using Xunit;

namespace EvMonitor.Infra.Tests;

/// <summary>The function app: Flex Consumption, .NET 10 isolated, HTTPS only, identity-based settings.</summary>
public class FunctionAppTemplateTests
{
    private static ArmTemplate Template => CompiledMain.Template;

    private static DeployedResource Site => Template.Single("Microsoft.Web/sites");

    [Fact]
    public void Plan_is_flex_consumption()
    {
        var plan = Template.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.Body["sku"]?["name"]?.GetValue<string>());
        Assert.Equal("FlexConsumption", plan.Body["sku"]?["tier"]?.GetValue<string>());
        Assert.True(plan.Properties["reserved"]?.GetValue<bool>() ?? false, "a Flex Consumption plan is a Linux plan (reserved: true)");
        Assert.Contains("Microsoft.Web/serverfarms", Site.Properties["serverFarmId"]?.GetValue<string>());
    }

    [Fact]
    public void Site_runs_dotnet_isolated_10_over_https_only()
    {
        var site = Site;
        var properties = site.Properties;

        Assert.Equal("functionapp,linux", site.Body["kind"]?.GetValue<string>());
        Assert.True(properties["httpsOnly"]?.GetValue<bool>() ?? false, "httpsOnly must be true");
        Assert.Equal("1.2", properties["siteConfig"]?["minTlsVersion"]?.GetValue<string>());
        Assert.Equal("dotnet-isolated", properties["functionAppConfig"]?["runtime"]?["name"]?.GetValue<string>());
        Assert.Equal("10.0", properties["functionAppConfig"]?["runtime"]?["version"]?.GetValue<string>());
    }

    [Fact]
    public void Site_is_tagged_for_the_azd_api_service()
    {
        var tags = JsonText.Of(Site.Body["tags"]);

        Assert.Contains("'azd-service-name', 'api'", tags);
    }

    [Fact]
    public void Site_runs_as_the_user_assigned_identity_and_deploys_through_it()
    {
        var site = Site;
        Assert.Equal("UserAssigned", site.Body["identity"]?["type"]?.GetValue<string>());
        var identities = site.Body["identity"]?["userAssignedIdentities"] as JsonObject;
        Assert.NotNull(identities);
        var identityKey = Assert.Single(identities).Key;
        Assert.Contains("parameters('identityId')", identityKey);

        var storage = site.Properties["functionAppConfig"]?["deployment"]?["storage"];
        Assert.Equal("blobContainer", storage?["type"]?.GetValue<string>());
        Assert.Contains("primaryEndpoints.blob", storage?["value"]?.GetValue<string>());
        Assert.Contains("parameters('deploymentContainerName')", storage?["value"]?.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", storage?["authentication"]?["type"]?.GetValue<string>());
        Assert.Equal("[parameters('identityId')]", storage?["authentication"]?["userAssignedIdentityResourceId"]?.GetValue<string>());
        Assert.Null(storage?["authentication"]?["storageAccountConnectionStringName"]);

        // The identity is the one the identity module creates.
        var identityId = site.Scope.Resolve(JsonValue.Create("[parameters('identityId')]"))?.GetValue<string>() ?? "";
        Assert.Contains("'Microsoft.Resources/deployments', 'identity'", identityId);
        Assert.Contains(".outputs.id.value", identityId);
        Assert.Single(Template.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"));
    }

    [Fact]
    public void Every_setting_the_app_and_host_read_is_set_for_an_identity_based_connection()
    {
        var site = Site;
        var settings = AppSettings(site);

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        var clientId = Resolved(site, settings["AzureWebJobsStorage__clientId"]);
        Assert.Contains("'Microsoft.Resources/deployments', 'identity'", clientId);
        Assert.Contains(".outputs.clientId.value", clientId);

        foreach (var service in new[] { "blob", "queue", "table" })
        {
            var uri = settings[$"AzureWebJobsStorage__{service}ServiceUri"];
            Assert.Contains("Microsoft.Storage/storageAccounts", uri);
            Assert.EndsWith($".primaryEndpoints.{service}]", uri);
        }

        var connectionString = settings["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        Assert.StartsWith("[reference(resourceId('Microsoft.Insights/components'", connectionString);
        Assert.EndsWith(".ConnectionString]", connectionString);

        var authentication = site.Scope.Inline(settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", authentication);
    }

    [Fact]
    public void No_setting_holds_a_key_or_a_storage_connection_string()
    {
        var settings = AppSettings(Site);

        // A plain AzureWebJobsStorage would be a connection string, and the app would prefer it.
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        // Flex Consumption refuses these: the runtime is set in functionAppConfig.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);

        foreach (var (name, value) in settings)
        {
            foreach (var secret in ForbiddenSecrets)
                Assert.False(value.Contains(secret, StringComparison.OrdinalIgnoreCase), $"app setting {name} contains '{secret}': {value}");
            if (name.Contains("CONNECTION", StringComparison.OrdinalIgnoreCase) || name.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase))
                Assert.False(value.Contains("Key=", StringComparison.OrdinalIgnoreCase), $"app setting {name} carries a key: {value}");
        }
    }

    [Fact]
    public void Compiled_template_reads_no_keys_anywhere()
    {
        foreach (var secret in ForbiddenSecrets)
            Assert.False(Template.Json.Contains(secret, StringComparison.OrdinalIgnoreCase), $"the compiled template contains '{secret}'");
    }

    [Fact]
    public void Basic_publishing_credentials_are_disabled()
    {
        var policies = Template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False(p.Properties["allow"]?.GetValue<bool>() ?? true, $"{p.Name} must not allow basic auth"));
    }

    [Fact]
    public void Application_insights_takes_only_entra_authenticated_telemetry_into_a_workspace()
    {
        var insights = Template.Single("Microsoft.Insights/components");

        Assert.True(insights.Properties["DisableLocalAuth"]?.GetValue<bool>() ?? false, "DisableLocalAuth must be true");
        Assert.Contains("Microsoft.OperationalInsights/workspaces", insights.Properties["WorkspaceResourceId"]?.GetValue<string>());
        Assert.Single(Template.OfType("Microsoft.OperationalInsights/workspaces"));
    }

    internal static readonly string[] ForbiddenSecrets =
    [
        "listKeys(",
        "listAccountSas(",
        "listServiceSas(",
        "AccountKey=",
        "SharedAccessSignature",
        "DefaultEndpointsProtocol=",
        "InstrumentationKey=",
    ];

    /// <summary>App settings from siteConfig.appSettings and any sites/config 'appsettings' resource.</summary>
    internal static Dictionary<string, string> AppSettings(DeployedResource site)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in site.Properties["siteConfig"]?["appSettings"] as JsonArray ?? [])
        {
            var name = setting?["name"]?.GetValue<string>() ?? throw new InvalidOperationException("an app setting has no name");
            Assert.True(settings.TryAdd(name, setting["value"]?.ToString() ?? ""), $"app setting {name} is set twice");
        }
        foreach (var config in CompiledMain.Template.OfType("Microsoft.Web/sites/config"))
        {
            if (!config.Name.Contains("appsettings", StringComparison.OrdinalIgnoreCase))
                continue;
            foreach (var (name, value) in config.Properties)
                Assert.True(settings.TryAdd(name, value?.ToString() ?? ""), $"app setting {name} is set twice");
        }
        return settings;
    }

    private static string Resolved(DeployedResource resource, string value) =>
        resource.Scope.Resolve(JsonValue.Create(value))?.ToString() ?? "";
}
