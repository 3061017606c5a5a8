using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EvMonitor.Infra.Tests.Support;
using Xunit;

namespace EvMonitor.Infra.Tests;

/// <summary>The app's identity gets exactly the data roles it needs, and nobody gets more.</summary>
public partial class RoleAssignmentTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0a3c1";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private static readonly string[] BroadRoles =
    [
        "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", // Owner
        "b24988ac-6180-42a0-ab88-20f7382dd24c", // Contributor
        "17d1049b-9a84-46fb-8f53-869881c3d3ab", // Storage Account Contributor
        "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", // User Access Administrator
        "f1a07417-d97a-45cb-824c-7a7467783830", // Managed Identity Operator
    ];

    private static ArmTemplate Template => CompiledMain.Template;

    private sealed record Grant(string Principal, string Role, string ScopeType, DeployedResource Resource);

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
        var app = Grants().Where(g => g.Principal == "app").Select(g => (g.Role, g.ScopeType)).Order().ToList();

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
        var grant = Assert.Single(Grants(), g => g.Principal == "operator");

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
        Assert.All(Grants(), g => Assert.DoesNotContain(g.Role, BroadRoles));
        foreach (var role in BroadRoles)
            Assert.DoesNotContain(role, Template.Json, StringComparison.OrdinalIgnoreCase);

        var allowed = new[] { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, MonitoringMetricsPublisher };
        Assert.All(Grants(), g => Assert.Contains(g.Role, allowed));
    }

    [Fact]
    public void Function_app_is_deployed_after_its_roles_are_granted()
    {
        var function = Template.Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && r.Name == "function");
        var dependsOn = (function.Body["dependsOn"] as JsonArray ?? []).Select(d => d?.ToString() ?? "").ToList();

        Assert.Contains(dependsOn, d => d.Contains("'Microsoft.Resources/deployments', 'rbac'"));
    }
}
