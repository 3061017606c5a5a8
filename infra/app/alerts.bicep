// What an operator is told about, by e-mail through one action group:
//  - a message landed in, or still sits in, the poison queue;
//  - the share of HTTP requests answered 5xx is over a threshold;
//  - the normalizer's lag (stored time - received time), 95th percentile, is over a threshold;
//  - the storage account throttles requests;
//  - the health endpoint fails from several locations.
//
// Azure Monitor has no per-queue metric (a storage queue's depth is not a platform metric), and
// the Azure Monitor OpenTelemetry exporter sends a histogram as sum, count, minimum and maximum,
// without buckets, so neither the poison depth nor a percentile can come from platform metrics.
// Both come from what the app sends to Application Insights, queried by log alerts:
//  - customMetrics 'evmonitor.queue.poison_depth' (gauge): the poison queues' approximate depth (every shard's, summed),
//    recorded each time the health endpoint runs, which the availability test below calls every
//    five minutes, so the depth is sampled even when no traffic wakes the app;
//  - customMetrics 'evmonitor.messages.poisoned' (counter): messages moved to the poison queue;
//  - traces: the one log line per queue message, with the lag in seconds as its structured
//    property 'LagSeconds', from which the percentile is computed exactly;
//  - requests: every HTTP request with its result code.

@description('Azure region of the alert rules and the availability test (that of Application Insights).')
param location string

param tags object = {}

@description('Application Insights component the app sends its telemetry to.')
param applicationInsightsName string

@description('Storage account the app uses.')
param storageAccountName string

@description('Name of the action group.')
param actionGroupName string

@description('E-mail address every alert is sent to.')
param alertEmail string

@description('URL of the health endpoint the availability test calls.')
param healthUrl string

@description('An alert fires when more than this percentage of HTTP requests answer 5xx over 15 minutes.')
@minValue(1)
@maxValue(100)
param http5xxPercentThreshold int

@description('An alert fires when the 95th percentile of the normalizer\'s lag over 15 minutes exceeds this many seconds.')
@minValue(1)
param normalizerLagP95ThresholdSeconds int

// Log alerts look at the last 15 minutes, every 5 minutes.
var evaluationFrequency = 'PT5M'
var windowSize = 'PT15M'

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  // Action groups are global resources.
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: 'evmonitor'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: 'health-${applicationInsightsName}'
  location: location
  // The portal and the availability metrics find a test through this tag.
  tags: union(tags, { 'hidden-link:${applicationInsights.id}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: 'health-${applicationInsightsName}'
    Name: 'Health endpoint'
    Description: 'GET /api/health: storage reachable, and the poison queue depth recorded.'
    Enabled: true
    Kind: 'standard'
    Frequency: 300
    Timeout: 30
    RetryEnabled: true
    // Microsoft's "location population tags" for availability tests: East US, West Europe,
    // North Europe, Southeast Asia, West US.
    Locations: [
      { Id: 'us-va-ash-azr' }
      { Id: 'emea-nl-ams-azr' }
      { Id: 'emea-gb-db3-azr' }
      { Id: 'apac-sg-sin-azr' }
      { Id: 'us-ca-sjc-azr' }
    ]
    Request: {
      RequestUrl: healthUrl
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource healthUnavailable 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'health-unavailable'
  location: 'global'
  tags: tags
  properties: {
    description: 'The health endpoint failed (not 200, or no answer) from at least two test locations.'
    severity: 1
    enabled: true
    scopes: [
      healthTest.id
      applicationInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: applicationInsights.id
      failedLocationCount: 2
    }
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

resource poisonQueueNotEmpty 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'poison-queue-not-empty'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Poison queue not empty'
    description: 'A telemetry message was moved to telemetry-ingest-poison (or telemetry-ingest-k-poison for queue shard k), or a poison queue still holds messages. Its snapshots are not stored until the message is dealt with (docs/reliability.md).'
    severity: 1
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: windowSize
    criteria: {
      allOf: [
        {
          query: '''
customMetrics
| where name in ("evmonitor.queue.poison_depth", "evmonitor.messages.poisoned")
| summarize Poisoned = max(value)
'''
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'Poisoned'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

resource http5xxRate 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'http-5xx-rate'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'HTTP 5xx rate'
    description: 'More than ${http5xxPercentThreshold}% of HTTP requests answered 5xx (at least 20 requests in the window).'
    severity: 2
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: windowSize
    criteria: {
      allOf: [
        {
          // Under 20 requests in the window are too few for a rate to mean anything.
          query: '''
requests
| extend Code = toint(resultCode)
| summarize Total = count(), Failed = countif(Code >= 500 and Code < 600)
| where Total >= 20
| extend FailedPercent = 100.0 * Failed / Total
'''
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'FailedPercent'
          operator: 'GreaterThan'
          threshold: http5xxPercentThreshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

resource normalizerLag 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'normalizer-lag-p95'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Normalizer lag p95'
    description: 'The 95th percentile of the time from a push being received to its snapshots being stored exceeded ${normalizerLagP95ThresholdSeconds} s.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: evaluationFrequency
    windowSize: windowSize
    criteria: {
      allOf: [
        {
          query: '''
traces
| where isnotempty(customDimensions.LagSeconds)
| summarize LagP95 = percentile(todouble(customDimensions.LagSeconds), 95)
'''
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'LagP95'
          operator: 'GreaterThan'
          threshold: normalizerLagP95ThresholdSeconds
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        actionGroup.id
      ]
    }
  }
}

resource storageThrottling 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'storage-throttling'
  location: 'global'
  tags: tags
  properties: {
    description: 'The storage account throttled requests (over its scalability targets); the app answers 503 and the queue trigger retries.'
    severity: 2
    enabled: true
    scopes: [
      storage.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'ThrottledTransactions'
          metricNamespace: 'Microsoft.Storage/storageAccounts'
          metricName: 'Transactions'
          // The throttling values of the ResponseType dimension (Azure Storage monitoring data reference).
          dimensions: [
            {
              name: 'ResponseType'
              operator: 'Include'
              values: [
                'ServerBusyError'
                'ClientThrottlingError'
                'ClientAccountRequestThrottlingError'
                'ClientAccountBandwidthThrottlingError'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Total'
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}

output actionGroupName string = actionGroup.name
