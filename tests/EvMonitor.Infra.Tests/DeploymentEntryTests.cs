using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EvMonitor.Infra.Tests.Support;
using Xunit;

namespace EvMonitor.Infra.Tests;

/// <summary>What azd and an operator see: parameters, outputs, the resource group, azure.yaml.</summary>
public class DeploymentEntryTests
{
    private static ArmTemplate Template => CompiledMain.Template;

    [Fact]
    public void Main_template_is_subscription_scoped_and_creates_a_tagged_resource_group()
    {
        Assert.Contains("subscriptionDeploymentTemplate.json", Template.Root["$schema"]?.GetValue<string>());

        var group = Template.Single("Microsoft.Resources/resourceGroups");
        Assert.Equal("[variables('tags')]", group.Body["tags"]?.GetValue<string>());
        Assert.Equal("[parameters('environmentName')]", Template.Root["variables"]?["tags"]?["azd-env-name"]?.GetValue<string>());

        // Every module deploys into that group.
        var modules = Template.Resources.Where(r => r.Type == "Microsoft.Resources/deployments").ToList();
        Assert.NotEmpty(modules);
        Assert.All(modules, m => Assert.Equal(group.Name, m.Body["resourceGroup"]?.GetValue<string>()));
    }

    [Fact]
    public void Parameters_file_maps_the_azd_environment_onto_the_template_parameters()
    {
        var file = JsonNode.Parse(Repository.ReadText("infra/main.parameters.json"))!["parameters"]!.AsObject();
        var values = file.ToDictionary(p => p.Key, p => p.Value?["value"]?.GetValue<string>());

        Assert.Equal("${AZURE_ENV_NAME}", values["environmentName"]);
        Assert.Equal("${AZURE_LOCATION}", values["location"]);
        Assert.Equal("${AZURE_PRINCIPAL_ID}", values["principalId"]);

        var declared = Template.Root["parameters"]!.AsObject();
        Assert.All(values.Keys, name => Assert.True(declared.ContainsKey(name), $"main.bicep has no parameter '{name}'"));
        var required = declared.Where(p => p.Value?["defaultValue"] is null).Select(p => p.Key);
        Assert.All(required, name => Assert.True(values.ContainsKey(name), $"required parameter '{name}' is not in main.parameters.json"));
    }

    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("API_BASE_URL")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_STORAGE_TABLE_ENDPOINT")]
    [InlineData("AZURE_STORAGE_QUEUE_ENDPOINT")]
    public void Outputs_what_an_operator_needs(string name)
    {
        var output = Template.Root["outputs"]?[name];

        Assert.NotNull(output);
        Assert.Equal("string", output["type"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(output["value"]?.GetValue<string>()));
    }

    [Fact]
    public void Api_base_url_is_the_https_host_of_the_function_app_with_api()
    {
        var value = Template.Root["outputs"]?["API_BASE_URL"]?["value"]?.GetValue<string>() ?? "";

        Assert.StartsWith("[format('https://{0}/api', ", value);
        Assert.Contains("'Microsoft.Resources/deployments', 'function'", value);
        Assert.EndsWith(".outputs.defaultHostName.value)]", value);
        var hostName = ModuleOutput("function", "defaultHostName");
        Assert.StartsWith("[reference(resourceId('Microsoft.Web/sites', ", hostName);
        Assert.EndsWith(".defaultHostName]", hostName);
    }

    [Theory]
    [InlineData("AZURE_STORAGE_TABLE_ENDPOINT", "tableEndpoint", "primaryEndpoints.table")]
    [InlineData("AZURE_STORAGE_QUEUE_ENDPOINT", "queueEndpoint", "primaryEndpoints.queue")]
    public void Storage_endpoint_outputs_come_from_the_account(string output, string moduleOutput, string property)
    {
        var value = Template.Root["outputs"]?[output]?["value"]?.GetValue<string>() ?? "";

        Assert.Contains("'Microsoft.Resources/deployments', 'storage'", value);
        Assert.EndsWith($".outputs.{moduleOutput}.value]", value);
        Assert.EndsWith($".{property}]", ModuleOutput("storage", moduleOutput));
    }

    [Fact]
    public void Outputs_carry_no_secret()
    {
        foreach (var (name, output) in Template.Root["outputs"]!.AsObject())
        {
            Assert.NotEqual("securestring", output?["type"]?.GetValue<string>());
            foreach (var secret in FunctionAppTemplateTests.ForbiddenSecrets)
                Assert.DoesNotContain(secret, JsonText.Of(output), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ConnectionString", JsonText.Of(output), StringComparison.OrdinalIgnoreCase);
            Assert.Matches("^[A-Z][A-Z0-9_]*$", name);
        }
    }

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_as_the_api_service()
    {
        var lines = Repository.ReadText("azure.yaml").Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Contains("name: ev-monitor-functions", lines);
        var services = lines.FindIndex(l => l == "services:");
        Assert.True(services >= 0, "azure.yaml has no services section");
        var api = lines.FindIndex(services, l => Regex.IsMatch(l, @"^  api:\s*$"));
        Assert.True(api > services, "azure.yaml has no 'api' service");
        var body = lines.Skip(api + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal) || l.Trim().Length == 0)
            .Select(l => l.Trim()).ToList();
        Assert.Contains("project: ./src/EvMonitor.Functions", body);
        Assert.Contains("language: dotnet", body);
        Assert.Contains("host: function", body);
        Assert.True(Directory.Exists(Repository.PathOf("infra")));
    }

    private static string ModuleOutput(string module, string output)
    {
        var deployment = Template.Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && r.Name == module);
        return deployment.Properties["template"]?["outputs"]?[output]?["value"]?.GetValue<string>() ?? "";
    }
}
