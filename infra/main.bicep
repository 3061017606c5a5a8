// EV-Monitor Functions: everything one environment needs, in a resource group of its own.
// Deploy with `azd up`, or `az deployment sub create` (see docs/deploy.md).
targetScope = 'subscription'

@description('Name of the environment (e.g. dev, prod); it names the resource group and seeds the resource names.')
@minLength(1)
@maxLength(64)
param environmentName string

// Regions that offer the Flex Consumption plan, as listed by Microsoft's Flex Consumption azd
// template (Azure-Samples/functions-quickstart-dotnet-azd, infra/main.bicep), read on 2026-11-30,
// less its canary region. `az functionapp list-flexconsumption-locations` gives the current list;
// add a region here once it appears there.
@description('Azure region for every resource. Only regions that offer the Flex Consumption plan are allowed.')
@allowed([
  'australiaeast'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'northcentralus'
  'northeurope'
  'southcentralus'
  'southeastasia'
  'swedencentral'
  'uksouth'
  'westcentralus'
  'westeurope'
  'westus2'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Optional: object id of the operator who creates the first user with the CLI. It is granted Storage Table Data Contributor on the storage account. Empty grants nothing.')
param principalId string = ''

@description('Kind of principal principalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('E-mail address the alerts are sent to.')
@minLength(3)
param alertEmail string

@description('An alert fires when more than this percentage of HTTP requests answer 5xx over 15 minutes.')
@minValue(1)
@maxValue(100)
param http5xxPercentThreshold int = 5

@description('An alert fires when the 95th percentile of the time from a push being received to its snapshots being stored, over 15 minutes, exceeds this many seconds.')
@minValue(1)
param normalizerLagP95ThresholdSeconds int = 120

@description('Number of telemetry queues the pushes are spread over, by a hash of the vehicle id (1 to 8). One queue takes about 2,000 messages/s; see docs/scale.md before changing it on a running service.')
@minValue(1)
@maxValue(8)
param telemetryQueueShards int = 1

@description('Number of storage accounts the telemetry queues and tables are spread over (1 to 8; it must divide telemetryQueueShards): shard k and its vehicles\' telemetry in account k mod this, account 0 being the main one. Chosen when the service is deployed and not changed afterwards: a vehicle\'s history stays in the account it was written to (docs/scale.md).')
@minValue(1)
@maxValue(8)
param telemetryStorageAccounts int = 1

// The tables and queues the app uses (EvMonitor.Storage.StorageNames, empty prefix). The template
// creates them, so the app never needs the right to create storage; a test keeps both lists in step.
var tableNames = [
  'users'
  'tokens'
  'vehicles'
  'vehicleowners'
  'catalog'
  'telemetry'
  'loginthrottle'
]
// The tables keyed by vehicle, which every telemetry storage account holds (StorageNames.TelemetryAccountTables).
var telemetryTableNames = [
  'telemetry'
]
// Every telemetry queue shard the app can have (TelemetryShards.MaxCount), each with its poison
// queue, whatever telemetryQueueShards is: an empty queue costs nothing, and raising the shard count
// then needs no new resource. Shard 0 is the queue EvMonitor__TelemetryQueue names, shard k its name
// plus '-k' (EvMonitor.Storage.TelemetryShards).
var queueNames = [
  'telemetry-ingest'
  'telemetry-ingest-poison'
  'telemetry-ingest-1'
  'telemetry-ingest-1-poison'
  'telemetry-ingest-2'
  'telemetry-ingest-2-poison'
  'telemetry-ingest-3'
  'telemetry-ingest-3-poison'
  'telemetry-ingest-4'
  'telemetry-ingest-4-poison'
  'telemetry-ingest-5'
  'telemetry-ingest-5-poison'
  'telemetry-ingest-6'
  'telemetry-ingest-6-poison'
  'telemetry-ingest-7'
  'telemetry-ingest-7-poison'
]
// The app finds the telemetry queue through its EvMonitor__TelemetryQueue setting.
var telemetryQueueName = 'telemetry-ingest'

var tags = {
  'azd-env-name': environmentName
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var functionAppName = 'func-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
// Telemetry storage account j: the main account for j = 0, a telemetry-only account otherwise; the
// first telemetryStorageAccounts of them are used.
var allTelemetryAccountNames = [
  storageAccountName
  'st1${resourceToken}'
  'st2${resourceToken}'
  'st3${resourceToken}'
  'st4${resourceToken}'
  'st5${resourceToken}'
  'st6${resourceToken}'
  'st7${resourceToken}'
]
var telemetryAccountNames = take(allTelemetryAccountNames, telemetryStorageAccounts)
// The telemetry-only accounts there can be; those at or past telemetryStorageAccounts are not created.
var extraTelemetryAccounts = [
  1
  2
  3
  4
  5
  6
  7
]
var applicationInsightsName = 'appi-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
    tableNames: tableNames
    queueNames: queueNames
  }
}

// Telemetry storage accounts 1 to M-1, with the main account's security settings, the telemetry
// tables and every shard's queue (only the shards k with k mod M = j use account j's).
module telemetryStorage 'app/storage.bicep' = [
  for account in extraTelemetryAccounts: if (account < telemetryStorageAccounts) {
    name: 'telemetry-storage-${account}'
    scope: rg
    params: {
      name: allTelemetryAccountNames[account]
      location: location
      tags: tags
      tableNames: telemetryTableNames
      queueNames: queueNames
    }
  }
]

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storageAccountName
    applicationInsightsName: applicationInsightsName
    // Known only once the identity exists; it names the role assignments, as it must.
    #disable-next-line what-if-short-circuiting
    appPrincipalId: identity.outputs.principalId
    operatorPrincipalId: principalId
    operatorPrincipalType: principalType
  }
  dependsOn: [
    storage
    monitoring
  ]
}

module telemetryRbac 'app/telemetry-rbac.bicep' = [
  for account in extraTelemetryAccounts: if (account < telemetryStorageAccounts) {
    name: 'telemetry-rbac-${account}'
    scope: rg
    params: {
      storageAccountName: allTelemetryAccountNames[account]
      // Known only once the identity exists; it names the role assignments, as it must.
      #disable-next-line what-if-short-circuiting
      appPrincipalId: identity.outputs.principalId
      operatorPrincipalId: principalId
      operatorPrincipalType: principalType
    }
    dependsOn: [
      telemetryStorage
    ]
  }
]

module function 'app/function.bicep' = {
  name: 'function'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: applicationInsightsName
    telemetryQueueName: telemetryQueueName
    telemetryQueueShards: telemetryQueueShards
    telemetryAccountNames: telemetryAccountNames
  }
  // The host reaches storage and Application Insights as soon as it starts: both must exist and
  // its roles must be granted first.
  dependsOn: [
    monitoring
    rbac
    telemetryRbac
  ]
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    applicationInsightsName: applicationInsightsName
    storageAccountName: storageAccountName
    actionGroupName: 'ag-${resourceToken}'
    alertEmail: alertEmail
    healthUrl: 'https://${function.outputs.defaultHostName}/api/health'
    http5xxPercentThreshold: http5xxPercentThreshold
    normalizerLagP95ThresholdSeconds: normalizerLagP95ThresholdSeconds
  }
  // The health URL already makes it wait for the function app, hence for storage.
  dependsOn: [
    monitoring
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = function.outputs.name
output API_BASE_URL string = 'https://${function.outputs.defaultHostName}/api'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_ALERT_ACTION_GROUP string = alerts.outputs.actionGroupName
