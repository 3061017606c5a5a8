// Role assignments on a telemetry storage account (telemetryStorageAccounts above 1): the app's
// identity reads and writes its queues and tables, as on the main account; it gets no blob role, as
// the host's state and the deployment package stay in the main account. The operator, when given,
// gets table access as on the main account, so the CLI reaches every vehicle's telemetry.
// Each assignment's name is guid(scope, principal, role), so redeploying is idempotent.

@description('Telemetry storage account.')
param storageAccountName string

@description('Principal id (object id) of the app\'s user-assigned managed identity.')
param appPrincipalId string

@description('Optional: object id of the operator who runs the CLI against the deployed accounts. Empty grants nothing.')
param operatorPrincipalId string = ''

@description('Kind of principal the operator is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

// Built-in role definition ids (Azure built-in roles reference; the infra tests hold them against it).
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

var appStorageRoles = [
  storageQueueDataContributor
  storageTableDataContributor
]

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource appStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appStorageRoles: {
    name: guid(storage.id, appPrincipalId, roleId)
    scope: storage
    properties: {
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

resource operatorTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(storage.id, operatorPrincipalId, storageTableDataContributor)
  scope: storage
  properties: {
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
  }
}
