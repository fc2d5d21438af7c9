// Container Apps managed environment where job steps (terraform executors, builds) run as Container Apps jobs,
// never inside the Functions process. Its logs go to the shared Log Analytics workspace through Azure Monitor
// diagnostic settings, so no workspace key is involved. Jobs run as the executor identity, which may only pull
// images: a step never holds the function app's identity.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Managed environment name.')
param environmentName string

@description('User-assigned identity the job executors run as.')
param executorIdentityName string

@description('Resource id of the Log Analytics workspace that receives the environment\'s logs.')
param workspaceId string

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    zoneRedundant: false
  }
}

resource logs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: environment
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

resource executorIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: executorIdentityName
  location: location
  tags: tags
}

@description('Managed environment resource id.')
output environmentId string = environment.id

@description('Managed environment name.')
output environmentName string = environment.name

@description('Executor identity resource id.')
output executorIdentityId string = executorIdentity.id

@description('Executor identity name.')
output executorIdentityName string = executorIdentity.name

@description('Executor identity client id.')
output executorClientId string = executorIdentity.properties.clientId

@description('Executor identity principal (object) id.')
output executorPrincipalId string = executorIdentity.properties.principalId
