// The function app on the Flex Consumption plan. It runs as the user-assigned identity and reaches
// storage and Application Insights with Microsoft Entra tokens only: no app setting holds a key.

@description('Name of the function app (also its host name).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

param tags object = {}

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Storage account holding the app\'s tables and queues, the host\'s state and the deployment package.')
param storageAccountName string

@description('Blob container for the deployment package.')
param deploymentContainerName string

@description('Application Insights component.')
param applicationInsightsName string

@description('Queue the push endpoint writes to and the queue trigger reads (before any storage prefix).')
param telemetryQueueName string

@description('Number of telemetry queue shards (1 to 8): the shard functions past it are disabled.')
@minValue(1)
@maxValue(8)
param telemetryQueueShards int = 1

@description('Telemetry storage account j\'s name at index j (the main account first): shard k\'s queue and its vehicles\' telemetry are in account k mod the count.')
param telemetryAccountNames array

// The Functions host's own limit on a request body, in bytes (it defaults to 100 MiB). Just over
// the API's 1 MiB limit (ApiLimits.MaxBodyBytes): a body slightly over 1 MiB still reaches the
// app, which answers 413 PAYLOAD_TOO_LARGE with its JSON error; anything larger is refused by the
// host before it is read.
var hostRequestBodyLimitBytes = 1114112 // 1 MiB + 64 KiB

@description('Memory per instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound on the number of instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  // azd finds the resource to deploy the 'api' service to by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      // No ftpsState: Flex Consumption refuses it (FTP is off through the 'ftp' publishing
      // credentials policy below).
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        // The Functions host and the app (StorageClients) both read these: identity-based
        // connection through the user-assigned identity, one URI per storage service.
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storage.properties.primaryEndpoints.table
        }
        // The connection string only says where to send telemetry; with local auth disabled on
        // the component, the authentication string makes the app use its identity's token.
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsights.properties.ConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        // The queue trigger binds to %EvMonitor:TelemetryQueue% and the push endpoint reads the
        // same setting: one name for both.
        {
          name: 'EvMonitor__TelemetryQueue'
          value: telemetryQueueName
        }
        // Vehicles spread over this many queues; the host indexes one queue-triggered function per
        // possible shard (normalize_telemetry, normalize_telemetry_1 … _7) from the build, so those
        // past the count are switched off with the host's own AzureWebJobs.<name>.Disabled setting.
        {
          name: 'EvMonitor__TelemetryQueueShards'
          value: string(telemetryQueueShards)
        }
        {
          name: 'AzureWebJobs.normalize_telemetry_1.Disabled'
          value: string(telemetryQueueShards <= 1)
        }
        {
          name: 'AzureWebJobs.normalize_telemetry_2.Disabled'
          value: string(telemetryQueueShards <= 2)
        }
        {
          name: 'AzureWebJobs.normalize_telemetry_3.Disabled'
          value: string(telemetryQueueShards <= 3)
        }
        {
          name: 'AzureWebJobs.normalize_telemetry_4.Disabled'
          value: string(telemetryQueueShards <= 4)
        }
        {
          name: 'AzureWebJobs.normalize_telemetry_5.Disabled'
          value: string(telemetryQueueShards <= 5)
        }
        {
          name: 'AzureWebJobs.normalize_telemetry_6.Disabled'
          value: string(telemetryQueueShards <= 6)
        }
        {
          name: 'AzureWebJobs.normalize_telemetry_7.Disabled'
          value: string(telemetryQueueShards <= 7)
        }
        {
          name: 'EvMonitor__TelemetryStorageAccounts'
          value: string(length(telemetryAccountNames))
        }
        {
          name: 'FUNCTIONS_REQUEST_BODY_SIZE_LIMIT'
          value: string(hostRequestBodyLimitBytes)
        }
        // Shard k's function reads its queue through the connection TelemetryShardk (shard 0 through
        // AzureWebJobsStorage), which the app also reads to find the shard's vehicles' telemetry: the
        // identity-based settings of account k mod M, for every shard the app has, used or not, as the
        // host indexes every shard function and leaves out, with an error, one without its connection.
        {
          name: 'TelemetryShard1__queueServiceUri'
          value: 'https://${telemetryAccountNames[1 % length(telemetryAccountNames)]}.queue.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard1__tableServiceUri'
          value: 'https://${telemetryAccountNames[1 % length(telemetryAccountNames)]}.table.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard1__credential'
          value: 'managedidentity'
        }
        {
          name: 'TelemetryShard1__clientId'
          value: identityClientId
        }
        {
          name: 'TelemetryShard2__queueServiceUri'
          value: 'https://${telemetryAccountNames[2 % length(telemetryAccountNames)]}.queue.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard2__tableServiceUri'
          value: 'https://${telemetryAccountNames[2 % length(telemetryAccountNames)]}.table.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard2__credential'
          value: 'managedidentity'
        }
        {
          name: 'TelemetryShard2__clientId'
          value: identityClientId
        }
        {
          name: 'TelemetryShard3__queueServiceUri'
          value: 'https://${telemetryAccountNames[3 % length(telemetryAccountNames)]}.queue.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard3__tableServiceUri'
          value: 'https://${telemetryAccountNames[3 % length(telemetryAccountNames)]}.table.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard3__credential'
          value: 'managedidentity'
        }
        {
          name: 'TelemetryShard3__clientId'
          value: identityClientId
        }
        {
          name: 'TelemetryShard4__queueServiceUri'
          value: 'https://${telemetryAccountNames[4 % length(telemetryAccountNames)]}.queue.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard4__tableServiceUri'
          value: 'https://${telemetryAccountNames[4 % length(telemetryAccountNames)]}.table.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard4__credential'
          value: 'managedidentity'
        }
        {
          name: 'TelemetryShard4__clientId'
          value: identityClientId
        }
        {
          name: 'TelemetryShard5__queueServiceUri'
          value: 'https://${telemetryAccountNames[5 % length(telemetryAccountNames)]}.queue.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard5__tableServiceUri'
          value: 'https://${telemetryAccountNames[5 % length(telemetryAccountNames)]}.table.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard5__credential'
          value: 'managedidentity'
        }
        {
          name: 'TelemetryShard5__clientId'
          value: identityClientId
        }
        {
          name: 'TelemetryShard6__queueServiceUri'
          value: 'https://${telemetryAccountNames[6 % length(telemetryAccountNames)]}.queue.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard6__tableServiceUri'
          value: 'https://${telemetryAccountNames[6 % length(telemetryAccountNames)]}.table.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard6__credential'
          value: 'managedidentity'
        }
        {
          name: 'TelemetryShard6__clientId'
          value: identityClientId
        }
        {
          name: 'TelemetryShard7__queueServiceUri'
          value: 'https://${telemetryAccountNames[7 % length(telemetryAccountNames)]}.queue.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard7__tableServiceUri'
          value: 'https://${telemetryAccountNames[7 % length(telemetryAccountNames)]}.table.${environment().suffixes.storage}/'
        }
        {
          name: 'TelemetryShard7__credential'
          value: 'managedidentity'
        }
        {
          name: 'TelemetryShard7__clientId'
          value: identityClientId
        }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// No publishing with user names and passwords: deployments authenticate with Microsoft Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
