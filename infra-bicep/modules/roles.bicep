// Every role assignment Stratus needs, each on the narrowest scope that works. Built-in role definition ids are
// the same in every tenant and cloud.

@description('Principal (object) id of the function app\'s system-assigned identity.')
param appPrincipalId string

@description('Principal (object) id of the job executors\' user-assigned identity.')
param executorPrincipalId string

@description('Storage account the app uses.')
param storageAccountName string

@description('Container registry the app pushes to and the executors pull from.')
param registryName string

@description('Key Vault holding the Stratus secret key.')
param keyVaultName string

@description('Application Insights component the host publishes telemetry to.')
param insightsName string

@description('Log Analytics workspace the Container Apps environment logs to.')
param workspaceName string

@description('User-assigned identity the app attaches to the Container Apps jobs it creates.')
param executorIdentityName string

var role = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  acrPush: '8311e382-0749-4cb8-b61a-304f252e45ec'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  containerAppsContributor: '358470bc-b998-42bd-ab17-a7e34c199c0f'
  managedIdentityOperator: 'f1a07417-d97a-45cb-824c-7a7467783830'
  logAnalyticsReader: '73c42c96-874c-492b-b04d-ab87d138a893'
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' existing = {
  name: registryName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' existing = {
  name: workspaceName
}

resource executorIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: executorIdentityName
}

// Functions host (leases, timers, deployment package) and Durable Functions' Azure Storage backend (task hub
// blobs and leases, control and work-item queues, History and Instances tables), plus Stratus's own state.
resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for id in [ role.storageBlobDataOwner, role.storageQueueDataContributor, role.storageTableDataContributor ]: {
    name: guid(storage.id, appPrincipalId, id)
    scope: storage
    properties: {
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', id)
    }
  }
]

// The build pipeline pushes app images (and mounts/reads existing blobs) with the app's identity.
resource registryRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for id in [ role.acrPush, role.acrPull ]: {
    name: guid(registry.id, appPrincipalId, id)
    scope: registry
    properties: {
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', id)
    }
  }
]

// Key Vault references in app settings (Stratus__Infra__SecretKey) resolve with the app's identity.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, role.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.keyVaultSecretsUser)
  }
}

// Application Insights has local (key) auth off: the host sends telemetry with Entra ID.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, appPrincipalId, role.monitoringMetricsPublisher)
  scope: insights
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.monitoringMetricsPublisher)
  }
}

// The Container Apps sandbox driver starts and stops executions of the step job (and reads them). Jobs are resource-group-level
// resources, so this is granted on the resource group (it covers Microsoft.App/* only).
resource jobsContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, appPrincipalId, role.containerAppsContributor)
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.containerAppsContributor)
  }
}

// ... and attaches the executor identity (only that one) to those jobs.
resource executorOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(executorIdentity.id, appPrincipalId, role.managedIdentityOperator)
  scope: executorIdentity
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.managedIdentityOperator)
  }
}

// Job executors pull their images from the registry, and nothing else.
resource executorPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, executorPrincipalId, role.acrPull)
  scope: registry
  properties: {
    principalId: executorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.acrPull)
  }
}

// The Container Apps sandbox driver follows a running step's console log through the Log Analytics query API.
resource logReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, appPrincipalId, role.logAnalyticsReader)
  scope: workspace
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.logAnalyticsReader)
  }
}
