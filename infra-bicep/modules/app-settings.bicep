// The function app's settings, written after its identity holds its roles (main.bicep orders this module after
// roles.bicep) so that the Key Vault references and identity-based connections work from the first start.
// This resource owns the whole set: settings added by hand are removed by the next deployment.
import { keyVaultReference, secretKeySecretName } from 'naming.bicep'

@description('Function app name.')
param appName string

@description('Storage account the host, Durable Functions and Stratus use.')
param storageAccountName string

@description('Application Insights component name.')
param insightsName string

@description('Key Vault holding the Stratus secret keys.')
param keyVaultName string

@description('Id of the active Stratus secret key.')
param activeKeyId string

@description('Ids of retired Stratus secret keys that still decrypt older values.')
param retiredKeyIds string[]

@description('Durable Functions task hub name.')
param durableHubName string

@description('Container registry login server.')
param registryLoginServer string

@description('Container Apps managed environment resource id (job executors).')
param containerAppsEnvironmentId string

@description('Resource id of the job executors\' user-assigned identity.')
param executorIdentityId string

@description('Client id of the job executors\' user-assigned identity.')
param executorClientId string

@description('The Container Apps job whose executions run job steps.')
param stepJobName string

@description('The step image.')
param stepImage string

@description('Log Analytics workspace (customer) id the step logs reach.')
param workspaceCustomerId string

resource app 'Microsoft.Web/sites@2025-03-01' existing = {
  name: appName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

var hostSettings = {
  // Identity-based host storage: no connection string, no key. The service URIs come from the account, so they
  // are right in every cloud.
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  // host.json: "extensions": { "durableTask": { "hubName": "%STRATUS_HUB%" } }. A plain name (no "__"), since the
  // host resolves %name% against app settings as they are named.
  STRATUS_HUB: durableHubName
}

var stratusSettings = {
  Stratus__Storage__Provider: 'Azure'
  Stratus__Infra__SecretKey: keyVaultReference(keyVaultName, secretKeySecretName(activeKeyId))
  Stratus__Infra__SecretKeyId: activeKeyId
  Stratus__Infra__Jobs__ApiUrl: 'https://${app.properties.defaultHostName}'
  // Where the Azure drivers find their resources (registry, Container Apps sandbox).
  Stratus__Azure__RegistryLoginServer: registryLoginServer
  Stratus__Azure__ContainerAppsEnvironmentId: containerAppsEnvironmentId
  Stratus__Azure__ExecutorIdentityId: executorIdentityId
  Stratus__Azure__ExecutorIdentityClientId: executorClientId
  // Job steps run as executions of the step job; working directories travel through the app's storage account.
  Stratus__Infra__Jobs__Sandbox__Driver: 'containerapps'
  Stratus__Infra__Jobs__Sandbox__ContainerApps__SubscriptionId: subscription().subscriptionId
  Stratus__Infra__Jobs__Sandbox__ContainerApps__ResourceGroup: resourceGroup().name
  Stratus__Infra__Jobs__Sandbox__ContainerApps__JobName: stepJobName
  Stratus__Infra__Jobs__Sandbox__ContainerApps__Image: stepImage
  Stratus__Infra__Jobs__Sandbox__ContainerApps__LogAnalyticsWorkspaceId: workspaceCustomerId
  Stratus__Infra__Jobs__Sandbox__ContainerApps__BlobServiceUri: storage.properties.primaryEndpoints.blob
}

var retiredKeySettings = toObject(
  retiredKeyIds,
  id => 'Stratus__Infra__RetiredSecretKeys__${id}',
  id => keyVaultReference(keyVaultName, secretKeySecretName(id))
)

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: union(hostSettings, stratusSettings, retiredKeySettings)
}
