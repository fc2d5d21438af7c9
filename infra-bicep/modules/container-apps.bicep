// Container Apps managed environment where job steps (terraform executors, builds) run as Container Apps jobs,
// never inside the Functions process. Its logs go to the shared Log Analytics workspace through Azure Monitor
// diagnostic settings, so no workspace key is involved. Jobs run as the executor identity, which may only pull
// images: a step never holds the function app's identity. Each step is one execution of the step job below (the
// Container Apps sandbox driver starts it with the step's own command and environment).

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

@description('The Container Apps job whose executions run job steps.')
param stepJobName string

@description('The step image: bash, curl, GNU tar and find, setsid, and terraform.')
param stepImage string

@description('Registry the executor identity pulls the step image from.')
param registryLoginServer string

@description('Longest a step may run, in seconds (a little over Stratus:Infra:Jobs:StepTimeout).')
param stepTimeoutSeconds int

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
    // Resource-specific tables (ContainerAppConsoleLogs), which the sandbox driver queries.
    logAnalyticsDestinationType: 'Dedicated'
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

// One execution per step: no retries (a re-run is the control plane's decision), one replica, the executor identity
// only to pull the image. Executions replace the template's container with the step's command and environment.
resource stepJob 'Microsoft.App/jobs@2025-07-01' = {
  name: stepJobName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${executorIdentity.id}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      triggerType: 'Manual'
      replicaTimeout: stepTimeoutSeconds
      replicaRetryLimit: 0
      manualTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
      }
      registries: [
        {
          server: registryLoginServer
          identity: executorIdentity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'step'
          image: stepImage
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
        }
      ]
    }
  }
}

@description('Managed environment resource id.')
output environmentId string = environment.id

@description('Managed environment name.')
output environmentName string = environment.name

@description('The step job\'s name.')
output stepJobName string = stepJob.name

@description('Executor identity resource id.')
output executorIdentityId string = executorIdentity.id

@description('Executor identity name.')
output executorIdentityName string = executorIdentity.name

@description('Executor identity client id.')
output executorClientId string = executorIdentity.properties.clientId

@description('Executor identity principal (object) id.')
output executorPrincipalId string = executorIdentity.properties.principalId
