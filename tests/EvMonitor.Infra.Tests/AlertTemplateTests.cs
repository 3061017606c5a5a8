using System.Text.Json.Nodes;
using EvMonitor.Infra.Tests.Support;
using EvMonitor.Storage;
using Xunit;

namespace EvMonitor.Infra.Tests;

/// <summary>The alerts an operator gets, and where they go.</summary>
public class AlertTemplateTests
{
    private static ArmTemplate Template => CompiledMain.Template;

    private static DeployedResource Rule(string name) =>
        Template.OfType("Microsoft.Insights/scheduledQueryRules").Single(r => r.Name == name);

    private static string Query(DeployedResource rule) =>
        rule.Properties["criteria"]?["allOf"]?[0]?["query"]?.GetValue<string>() ?? "";

    [Fact]
    public void Every_alert_mails_the_address_given_as_a_parameter()
    {
        var group = Template.Single("Microsoft.Insights/actionGroups");
        var receiver = Assert.Single(group.Properties["emailReceivers"] as JsonArray ?? []);
        // The module's parameter is main's, which has no default: azd asks for it (or reads ALERT_EMAIL).
        Assert.Equal("[parameters('alertEmail')]", group.Scope.Resolve(receiver?["emailAddress"])?.GetValue<string>());
        Assert.Null(Template.Root["parameters"]?["alertEmail"]?["defaultValue"]);
        Assert.InRange(group.Properties["groupShortName"]!.GetValue<string>().Length, 1, 12);

        var alerts = Template.OfType("Microsoft.Insights/scheduledQueryRules").Concat(Template.OfType("Microsoft.Insights/metricAlerts")).ToList();
        Assert.Equal(5, alerts.Count);
        Assert.All(alerts, alert =>
        {
            var actions = JsonText.Of(alert.Properties["actions"]);
            Assert.Contains("'Microsoft.Insights/actionGroups', parameters('actionGroupName')", actions);
            Assert.True(alert.Properties["enabled"]?.GetValue<bool>(), $"{alert} is disabled");
        });
    }

    [Fact]
    public void Poison_alert_fires_on_any_poisoned_message_or_poison_depth_above_zero()
    {
        var rule = Rule("poison-queue-not-empty");
        var query = Query(rule);

        Assert.Contains("customMetrics", query);
        Assert.Contains("\"evmonitor.queue.poison_depth\"", query);
        Assert.Contains("\"evmonitor.messages.poisoned\"", query);
        AssertFiresAbove(rule, "Poisoned", "0");
        Assert.Contains(new StorageNames().TelemetryPoisonQueue, rule.Properties["description"]?.GetValue<string>());
    }

    [Fact]
    public void Http_5xx_alert_fires_on_the_share_of_5xx_answers_over_the_threshold_parameter()
    {
        var rule = Rule("http-5xx-rate");
        var query = Query(rule);

        Assert.StartsWith("requests", query.TrimStart());
        Assert.Contains("Code >= 500 and Code < 600", query);
        Assert.Contains("where Total >= 20", query);
        AssertFiresAbove(rule, "FailedPercent", "[parameters('http5xxPercentThreshold')]");
        Assert.Equal(5, Template.Root["parameters"]?["http5xxPercentThreshold"]?["defaultValue"]?.GetValue<int>());
    }

    [Fact]
    public void Lag_alert_fires_on_the_95th_percentile_of_the_logged_lag_over_the_threshold_parameter()
    {
        var rule = Rule("normalizer-lag-p95");
        var query = Query(rule);

        Assert.StartsWith("traces", query.TrimStart());
        Assert.Contains("percentile(todouble(customDimensions.LagSeconds), 95)", query);
        AssertFiresAbove(rule, "LagP95", "[parameters('normalizerLagP95ThresholdSeconds')]");
        Assert.NotNull(Template.Root["parameters"]?["normalizerLagP95ThresholdSeconds"]?["defaultValue"]);
    }

    [Fact]
    public void Storage_throttling_alert_counts_transactions_with_every_throttling_response_type()
    {
        var alert = Template.OfType("Microsoft.Insights/metricAlerts").Single(a => a.Name == "storage-throttling");
        var criterion = alert.Properties["criteria"]?["allOf"]?[0];

        Assert.Contains("'Microsoft.Storage/storageAccounts'", JsonText.Of(alert.Properties["scopes"]));
        Assert.Equal("Microsoft.Storage/storageAccounts", criterion?["metricNamespace"]?.GetValue<string>());
        Assert.Equal("Transactions", criterion?["metricName"]?.GetValue<string>());
        Assert.Equal("Total", criterion?["timeAggregation"]?.GetValue<string>());
        Assert.Equal("GreaterThan", criterion?["operator"]?.GetValue<string>());
        Assert.Equal(0, criterion?["threshold"]?.GetValue<int>());
        var dimension = Assert.Single(criterion?["dimensions"] as JsonArray ?? []);
        Assert.Equal("ResponseType", dimension?["name"]?.GetValue<string>());
        Assert.Equal("Include", dimension?["operator"]?.GetValue<string>());
        var values = (dimension?["values"] as JsonArray ?? []).Select(v => v!.GetValue<string>()).Order().ToArray();
        Assert.Equal(PlatformReference.StorageThrottlingResponseTypes.Order().ToArray(), values);
    }

    [Fact]
    public void Availability_test_calls_the_health_endpoint_every_five_minutes_and_alerts_when_two_locations_fail()
    {
        var test = Template.Single("Microsoft.Insights/webtests");
        Assert.Equal("standard", test.Body["kind"]?.GetValue<string>());
        Assert.Equal("GET", test.Properties["Request"]?["HttpVerb"]?.GetValue<string>());
        Assert.Equal(300, test.Properties["Frequency"]?.GetValue<int>());
        Assert.Equal(200, test.Properties["ValidationRules"]?["ExpectedHttpStatusCode"]?.GetValue<int>());
        Assert.Contains("hidden-link:", JsonText.Of(test.Body["tags"]));
        var locations = (test.Properties["Locations"] as JsonArray ?? []).Select(l => l?["Id"]?.GetValue<string>()).ToList();
        Assert.NotEmpty(locations);
        Assert.All(locations, id => Assert.Contains(id, PlatformReference.AvailabilityTestLocations));
        // Resolved through the alerts module's parameter to main's expression.
        var url = test.Scope.Resolve(test.Properties["Request"]?["RequestUrl"])?.GetValue<string>() ?? "";
        Assert.StartsWith("[format('https://{0}/api/health', ", url);
        Assert.Contains("'Microsoft.Resources/deployments', 'function'", url);

        var alert = Template.OfType("Microsoft.Insights/metricAlerts").Single(a => a.Name == "health-unavailable");
        var criteria = alert.Properties["criteria"];
        Assert.Equal("Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria", criteria?["odata.type"]?.GetValue<string>());
        Assert.Equal(2, criteria?["failedLocationCount"]?.GetValue<int>());
        Assert.Contains("Microsoft.Insights/webtests", criteria?["webTestId"]?.GetValue<string>());
    }

    private static void AssertFiresAbove(DeployedResource rule, string column, string threshold)
    {
        Assert.Equal("LogAlert", rule.Body["kind"]?.GetValue<string>());
        Assert.Contains("'Microsoft.Insights/components'", JsonText.Of(rule.Properties["scopes"]));
        var criterion = rule.Properties["criteria"]?["allOf"]?[0];
        Assert.Equal(column, criterion?["metricMeasureColumn"]?.GetValue<string>());
        Assert.Equal("GreaterThan", criterion?["operator"]?.GetValue<string>());
        Assert.Equal(threshold, criterion?["threshold"]?.ToString());
        Assert.Contains(column + " =", Query(rule));
        Assert.Equal("PT5M", rule.Scope.ResolveLiteral(rule.Properties["evaluationFrequency"]));
        Assert.Equal("PT15M", rule.Scope.ResolveLiteral(rule.Properties["windowSize"]));
    }
}
