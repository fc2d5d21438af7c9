// The app's storage account: Functions host state, Durable Functions' task hub (Azure Storage backend), Stratus's
// tables/blobs/queues, and the Flex Consumption deployment container. Shared keys are off: everything reaches it
// with an Entra ID identity.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Storage account name (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Storage redundancy.')
@allowed([ 'Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS', 'Standard_RAGRS', 'Standard_RAGZRS' ])
param skuName string

@description('Blob container that holds the deployment package Flex Consumption runs.')
param deploymentContainerName string

@description('Days deleted blobs and containers stay recoverable; 0 turns soft delete off.')
@minValue(0)
@maxValue(365)
param softDeleteDays int

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

var softDelete = softDeleteDays > 0 ? { enabled: true, days: max(softDeleteDays, 1) } : { enabled: false }

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: softDelete
    containerDeleteRetentionPolicy: softDelete
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

@description('Storage account name.')
output name string = storage.name

@description('Blob service endpoint, with a trailing slash.')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Queue service endpoint, with a trailing slash.')
output queueEndpoint string = storage.properties.primaryEndpoints.queue

@description('Table service endpoint, with a trailing slash.')
output tableEndpoint string = storage.properties.primaryEndpoints.table

@description('The deployment container\'s URL.')
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
