// The Flex Consumption plan (FC1) and the function app: Linux, .NET isolated worker, system-assigned identity,
// deployment package in a blob container read with that identity. App settings are written separately
// (app-settings.bicep) once the identity holds its roles, so Key Vault references resolve on first start.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Flex Consumption plan name.')
param planName string

@description('Function app name (globally unique: it is the host name).')
param appName string

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('functionAppConfig.runtime version for dotnet-isolated.')
@allowed([ '8.0', '9.0', '10.0' ])
param dotnetVersion string

@description('Upper bound on the instances the scale controller may run (Flex Consumption: 40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance, in MB.')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int

@description('Always-ready instances for the HTTP trigger group (0 = scale from zero).')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReadyHttpInstances > 0 ? [ { name: 'http', instanceCount: alwaysReadyHttpInstances } ] : []
      }
      // Flex Consumption takes the language and version here: FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION
      // are not app settings on this plan (the host is always ~4).
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }
}

@description('Function app name.')
output name string = app.name

@description('Function app default host name.')
output defaultHostName string = app.properties.defaultHostName

@description('Principal (object) id of the app\'s system-assigned identity.')
output principalId string = app.identity.principalId
