using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EvMonitor.Infra.Tests.Support;
using Xunit;

namespace EvMonitor.Infra.Tests;

/// <summary>The app's identity gets exactly the data roles it needs, and nobody gets more.</summary>
public partial class RoleAssignmentTests
{
    // Role ids from Microsoft's built-in roles reference (PlatformReference), never from the templates.
    private static readonly string StorageBlobDataOwner = PlatformReference.Role("Storage Blob Data Owner");
    private static readonly string StorageQueueDataContributor = PlatformReference.Role("Storage Queue Data Contributor");
    private static readonly string StorageTableDataContributor = PlatformReference.Role("Storage Table Data Contributor");
    private static readonly string MonitoringMetricsPublisher = PlatformReference.Role("Monitoring Metrics Publisher");

    private static readonly string[] BroadRoles =
        ["Owner", "Contributor", "Storage Account Contributor", "User Access Administrator", "Managed Identity Operator"];

    private static ArmTemplate Template => CompiledMain.Template;

    /// <param name="Module">The module the assignment is made in: <c>main/rbac</c> for the main account and Application Insights.</param>
    private sealed record Grant(string Principal, string Role, string ScopeType, DeployedResource Resource)
    {
        public string Module => Resource.Scope.Path;
    }

    private const string MainRbac = "main/rbac";

    [GeneratedRegex(@"'([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})'")]
    private static partial Regex QuotedGuid();

    private static List<Grant> Grants() =>
        Template.OfType("Microsoft.Authorization/roleAssignments").Select(assignment =>
        {
            var roleDefinition = assignment.Scope.Inline(assignment.Properties["roleDefinitionId"]?.GetValue<string>() ?? "");
            Assert.StartsWith("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ", roleDefinition);
            var role = Assert.Single(QuotedGuid().Matches(roleDefinition)).Groups[1].Value.ToLowerInvariant();

            var principal = assignment.Scope.Resolve(assignment.Properties["principalId"])?.ToString() ?? "";
            var who = principal switch
            {
                _ when principal.Contains("'Microsoft.Resources/deployments', 'identity'") && principal.Contains(".outputs.principalId.value") => "app",
                "[parameters('principalId')]" => "operator",
                _ => "unknown: " + principal,
            };

            var scope = assignment.Body["scope"]?.GetValue<string>() ?? "";
            var scopeType = Regex.Match(scope, @"^\[resourceId\('([^']+)'").Groups[1].Value;
            return new Grant(who, role, scopeType, assignment);
        }).ToList();

    [Fact]
    public void App_identity_holds_exactly_the_data_roles_it_needs()
    {
        var app = Grants().Where(g => g.Principal == "app" && g.Module == MainRbac).Select(g => (g.Role, g.ScopeType)).Order().ToList();

        var expected = new List<(string, string)>
        {
            (StorageBlobDataOwner, "Microsoft.Storage/storageAccounts"),
            (StorageQueueDataContributor, "Microsoft.Storage/storageAccounts"),
            (StorageTableDataContributor, "Microsoft.Storage/storageAccounts"),
            (MonitoringMetricsPublisher, "Microsoft.Insights/components"),
        }.Order().ToList();
        Assert.Equal(expected, app);
        Assert.All(Grants().Where(g => g.Principal == "app"), g =>
        {
            Assert.Equal("ServicePrincipal", g.Resource.Properties["principalType"]?.GetValue<string>());
            Assert.Null(g.Resource.Condition);
        });
    }

    [Fact]
    public void Operator_gets_table_access_only_and_only_when_a_principal_id_is_given()
    {
        var grant = Assert.Single(Grants(), g => g.Principal == "operator" && g.Module == MainRbac);

        Assert.Equal(StorageTableDataContributor, grant.Role);
        Assert.Equal("Microsoft.Storage/storageAccounts", grant.ScopeType);
        Assert.Equal("\"[not(empty(parameters('operatorPrincipalId')))]\"", grant.Resource.Condition);
    }

    [Fact]
    public void Every_assignment_is_to_a_known_principal_and_is_named_from_scope_principal_and_role()
    {
        foreach (var grant in Grants())
        {
            Assert.DoesNotContain("unknown", grant.Principal);
            var name = grant.Resource.Scope.Inline(grant.Resource.Name);
            var scope = grant.Resource.Scope.Inline(grant.Resource.Body["scope"]!.GetValue<string>())[1..^1];
            var principal = grant.Resource.Scope.Inline(grant.Resource.Properties["principalId"]!.GetValue<string>())[1..^1];
            Assert.Equal($"[guid({scope}, {principal}, '{grant.Role}')]", name);
        }
    }

    [Fact]
    public void No_broad_role_is_granted_anywhere()
    {
        foreach (var role in BroadRoles.Select(PlatformReference.Role))
            Assert.DoesNotContain(role, Template.Json, StringComparison.OrdinalIgnoreCase);

        var allowed = new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, MonitoringMetricsPublisher };
        Assert.All(Grants(), g => Assert.Contains(g.Role, allowed));
    }

    [Fact]
    public void Every_role_assigned_is_a_built_in_role_of_the_published_reference()
    {
        var grants = Grants();
        Assert.NotEmpty(grants);

        var published = PlatformReference.BuiltInRoles.Values.ToHashSet();
        Assert.All(grants, g => Assert.True(published.Contains(g.Role), $"{g.Resource}: role {g.Role} is not a built-in role id of the reference"));
        // The only GUIDs the templates hold are role ids, so every one of them must be a published id,
        // used or not.
        var guids = AnyGuid().Matches(Template.Json).Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();
        Assert.NotEmpty(guids);
        Assert.All(guids, guid => Assert.True(published.Contains(guid), $"{guid} in the template is not a built-in role id of the reference"));
    }

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex AnyGuid();

    [Fact]
    public void Function_app_is_deployed_after_its_roles_are_granted()
    {
        var function = Template.Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && r.Name == "function");
        var dependsOn = (function.Body["dependsOn"] as JsonArray ?? []).Select(d => d?.ToString() ?? "").ToList();

        Assert.Contains(dependsOn, d => d.Contains("'Microsoft.Resources/deployments', 'rbac'"));
        // The role assignments on the telemetry storage accounts too (a module loop: its symbolic name).
        Assert.Contains("telemetryRbac", dependsOn);
    }

    /// <summary>
    /// On each telemetry storage account, the app's identity reads and writes queues and tables as on
    /// the main account, without the blob role (the host's state and the package are in the main
    /// account), and the operator gets table access when given, as on the main account; made only for
    /// the accounts the deployment has.
    /// </summary>
    [Fact]
    public void Each_telemetry_account_grants_the_app_queue_and_table_data_roles_and_the_operator_tables()
    {
        var telemetry = Grants().Where(g => g.Module != MainRbac).ToList();
        var modules = telemetry.Select(g => g.Module).Distinct().Order().ToList();

        Assert.Equal(Enumerable.Range(1, 7).Select(j => $"main/[format('telemetry-rbac-{{0}}', {j})]"), modules);
        foreach (var module in modules)
        {
            var grants = telemetry.Where(g => g.Module == module).ToList();
            Assert.Equal(new[] { StorageQueueDataContributor, StorageTableDataContributor }.Order(),
                grants.Where(g => g.Principal == "app").Select(g => g.Role).Order());
            Assert.All(grants.Where(g => g.Principal == "app"), g => Assert.Equal("ServicePrincipal", g.Resource.Properties["principalType"]?.GetValue<string>()));
            var operatorGrant = Assert.Single(grants, g => g.Principal == "operator");
            Assert.Equal(StorageTableDataContributor, operatorGrant.Role);
            Assert.Equal("\"[not(empty(parameters('operatorPrincipalId')))]\"", operatorGrant.Resource.Condition);
            Assert.All(grants, g => Assert.Equal("Microsoft.Storage/storageAccounts", g.ScopeType));
        }
        var rbacModules = Template.Resources.Where(r => r.Type == "Microsoft.Resources/deployments" && r.Name.Contains("telemetry-rbac-", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, rbacModules.Count);
        Assert.All(rbacModules, m => Assert.Matches(@"^""\[less\([1-7], parameters\('telemetryStorageAccounts'\)\)\]""$", m.Condition));
    }
}
