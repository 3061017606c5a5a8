namespace EvMonitor.Infra.Tests.Support;

/// <summary>
/// Values Azure defines, copied by hand from Microsoft's published references (each table names
/// its source) and never from the templates: a template that drifts from the platform fails here.
/// </summary>
internal static class PlatformReference
{
    /// <summary>
    /// Built-in role name → role definition id. Source: "Azure built-in roles"
    /// (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles), pages
    /// built-in-roles/storage, built-in-roles/monitor, built-in-roles/privileged and built-in-roles/identity.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltInRoles = new Dictionary<string, string>
    {
        ["Storage Blob Data Owner"] = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
        ["Storage Queue Data Contributor"] = "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        ["Storage Table Data Contributor"] = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
        ["Monitoring Metrics Publisher"] = "3913510d-42f4-4e42-8a64-420c390055eb",
        ["Owner"] = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
        ["Contributor"] = "b24988ac-6180-42a0-ab88-20f7382dd24c",
        ["Storage Account Contributor"] = "17d1049b-9a84-46fb-8f53-869881c3d3ab",
        ["User Access Administrator"] = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
        ["Managed Identity Operator"] = "f1a07417-d97a-45cb-824c-7a7467783830",
    };

    public static string Role(string name) => BuiltInRoles[name];

    /// <summary>
    /// Resource type → the API versions of it this project uses, each a published version with an
    /// ARM template reference page at https://learn.microsoft.com/azure/templates/{type}/{version}
    /// (e.g. .../microsoft.insights/2023-12-01/scheduledqueryrules). Microsoft.Resources/deployments
    /// is what Bicep itself emits for modules. The Bicep CLI's own type index checks the same
    /// versions independently: an unknown one is warning BCP081, which fails the build test.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> PublishedApiVersions = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.Resources/resourceGroups"] = ["2024-03-01"],
        ["Microsoft.Resources/deployments"] = ["2025-04-01"],
        ["Microsoft.ManagedIdentity/userAssignedIdentities"] = ["2023-01-31"],
        ["Microsoft.Storage/storageAccounts"] = ["2024-01-01"],
        ["Microsoft.Storage/storageAccounts/blobServices"] = ["2024-01-01"],
        ["Microsoft.Storage/storageAccounts/blobServices/containers"] = ["2024-01-01"],
        ["Microsoft.Storage/storageAccounts/tableServices"] = ["2024-01-01"],
        ["Microsoft.Storage/storageAccounts/tableServices/tables"] = ["2024-01-01"],
        ["Microsoft.Storage/storageAccounts/queueServices"] = ["2024-01-01"],
        ["Microsoft.Storage/storageAccounts/queueServices/queues"] = ["2024-01-01"],
        ["Microsoft.OperationalInsights/workspaces"] = ["2023-09-01"],
        ["Microsoft.Insights/components"] = ["2020-02-02"],
        ["Microsoft.Insights/actionGroups"] = ["2023-01-01"],
        ["Microsoft.Insights/metricAlerts"] = ["2018-03-01"],
        ["Microsoft.Insights/scheduledQueryRules"] = ["2023-12-01"],
        ["Microsoft.Insights/webtests"] = ["2022-06-15"],
        ["Microsoft.Authorization/roleAssignments"] = ["2022-04-01"],
        ["Microsoft.Web/serverfarms"] = ["2024-11-01"],
        ["Microsoft.Web/sites"] = ["2024-11-01"],
        ["Microsoft.Web/sites/basicPublishingCredentialsPolicies"] = ["2024-11-01"],
    };

    /// <summary>
    /// Flex Consumption runtime. The name is one of the FunctionsRuntime names of Microsoft.Web/sites
    /// (ARM template reference, functionAppConfig.runtime.name: custom, dotnet-isolated, java, node,
    /// powershell, python); the version is written "major.0" as in Microsoft's Flex templates
    /// (Azure-Samples/functions-quickstart-dotnet-azd: runtimeVersion '8.0'), and .NET 10 is GA for
    /// the isolated worker ("Supported languages in Azure Functions").
    /// </summary>
    public const string FlexRuntimeName = "dotnet-isolated";
    public const string FlexRuntimeVersion = "10.0";

    /// <summary>Instance memory sizes of the Flex Consumption plan, in MB ("Flex Consumption plan hosting": instance memory).</summary>
    public static readonly int[] FlexInstanceMemoryMB = [512, 2048, 4096];

    /// <summary>
    /// Site properties the Flex Consumption plan lists as deprecated (Functions app settings
    /// reference, "Flex Consumption plan deprecations", functions-app-settings#flex-consumption-plan-deprecations).
    /// http20Enabled, minTlsVersion and scmMinTlsVersion are not on the list.
    /// </summary>
    public static readonly string[] FlexDeprecatedSiteProperties =
    [
        "ftpsState",
        "use32BitWorkerProcess",
        "isReserved",
        "IsXenon",
        "windowsFxVersion",
        "alwaysOn",
        "preWarmedInstanceCount",
        "functionAppScaleLimit",
        "containerSize",
        "javaVersion",
        "powerShellVersion",
        "netFrameworkVersion",
        "LinuxFxVersion",
    ];

    /// <summary>App settings the same list deprecates on Flex Consumption.</summary>
    public static readonly string[] FlexDeprecatedAppSettings =
    [
        "WEBSITE_NODE_DEFAULT_VERSION",
        "FUNCTIONS_EXTENSION_VERSION",
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_WORKER_RUNTIME_VERSION",
        "FUNCTIONS_MAX_HTTP_CONCURRENCY",
        "FUNCTIONS_WORKER_PROCESS_COUNT",
        "FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_CONTENTSHARE",
    ];

    /// <summary>
    /// App settings the platform reads, by name. Sources: Functions app settings reference
    /// (AzureWebJobsStorage__* identity-based connection: credential, clientId, blob/queue/tableServiceUri;
    /// APPLICATIONINSIGHTS_CONNECTION_STRING; APPLICATIONINSIGHTS_AUTHENTICATION_STRING) and, for
    /// FUNCTIONS_REQUEST_BODY_SIZE_LIMIT, the host itself: azure-functions-host
    /// src/WebJobs.Script.WebHost/Middleware/HttpRequestBodySizeMiddleware.cs parses it with
    /// long.TryParse into IHttpMaxRequestBodySizeFeature.MaxRequestBodySize, in bytes (default 100 MiB).
    /// </summary>
    public static readonly string[] PlatformAppSettings =
    [
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "FUNCTIONS_REQUEST_BODY_SIZE_LIMIT",
    ];

    /// <summary>
    /// The app setting that keeps the host from triggering a function, <c>AzureWebJobs.&lt;FUNCTION_NAME&gt;.Disabled</c>
    /// set to true. Source: "How to disable functions in Azure Functions"
    /// (https://learn.microsoft.com/azure/azure-functions/disable-function). Periods are allowed in app
    /// setting names: "Configure an App Service app" (https://learn.microsoft.com/azure/app-service/configure-common),
    /// "App setting names can contain only letters, numbers (0-9), periods (.), and underscores (_)".
    /// </summary>
    public static string FunctionDisabledSetting(string functionName) => $"AzureWebJobs.{functionName}.Disabled";

    /// <summary>
    /// The settings of an identity-based Storage connection named <c>prefix</c>, for a queue trigger
    /// and the table service. Source: "Azure Queue storage trigger for Azure Functions", Connections
    /// (Queue Service URI <c>&lt;CONNECTION_NAME_PREFIX&gt;__queueServiceUri</c>), "Azure Tables
    /// bindings", Connections (<c>__tableServiceUri</c>), and "Azure Functions developer guide",
    /// Common properties for identity-based connections (<c>__credential</c> = <c>managedidentity</c>,
    /// <c>__clientId</c> for a user-assigned identity).
    /// </summary>
    public static string IdentityConnectionSetting(string prefix, string property) => property switch
    {
        "queueServiceUri" or "tableServiceUri" or "credential" or "clientId" => $"{prefix}__{property}",
        _ => throw new ArgumentException($"{property} is not a setting of an identity-based Storage connection", nameof(property)),
    };

    /// <summary>The value of <c>__credential</c> that selects the managed identity (same source).</summary>
    public const string ManagedIdentityCredential = "managedidentity";

    /// <summary>Storage account names: 3 to 24 lower-case letters and digits ("Storage account overview", Storage account name).</summary>
    public const int StorageAccountNameMaxLength = 24;

    /// <summary>
    /// Regions offering Flex Consumption, from Microsoft's Flex Consumption azd template
    /// (Azure-Samples/functions-quickstart-dotnet-azd, infra/main.bicep, read 2026-11-30), less the
    /// eastus2euap canary region.
    /// </summary>
    public static readonly string[] FlexConsumptionRegions =
    [
        "australiaeast", "centralindia", "centralus", "eastasia", "eastus", "eastus2", "francecentral",
        "germanywestcentral", "northcentralus", "northeurope", "southcentralus", "southeastasia",
        "swedencentral", "uksouth", "westcentralus", "westeurope", "westus2",
    ];

    /// <summary>
    /// The throttling values of the storage Transactions metric's ResponseType dimension (Azure
    /// Storage monitoring data reference, "Metric dimensions": ServerBusyError, ClientThrottlingError,
    /// ClientAccountRequestThrottlingError, ClientAccountBandwidthThrottlingError).
    /// </summary>
    public static readonly string[] StorageThrottlingResponseTypes =
    [
        "ServerBusyError",
        "ClientThrottlingError",
        "ClientAccountRequestThrottlingError",
        "ClientAccountBandwidthThrottlingError",
    ];

    /// <summary>
    /// Availability test locations (Azure Monitor, availability tests, "Location population tags"):
    /// East US, West Europe, North Europe, Southeast Asia, West US.
    /// </summary>
    public static readonly string[] AvailabilityTestLocations =
    [
        "us-va-ash-azr", "emea-nl-ams-azr", "emea-gb-db3-azr", "apac-sg-sin-azr", "us-ca-sjc-azr",
    ];

    /// <summary>
    /// What azd substitutes in infra/main.parameters.json: AZURE_PRINCIPAL_ID and AZURE_PRINCIPAL_TYPE
    /// come from the signed-in principal (azure-dev, cli/azd/pkg/infra/provisioning/bicep/bicep_provider.go,
    /// evalParamEnvSubst: PrincipalIdEnvVarName, PrincipalTypeEnvVarName), the others from the environment.
    /// </summary>
    public const string AzdPrincipalId = "${AZURE_PRINCIPAL_ID}";
    public const string AzdPrincipalType = "${AZURE_PRINCIPAL_TYPE}";
}
