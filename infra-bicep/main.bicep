// Stratus on Azure: a .NET isolated-worker function app with Durable Functions (Azure Storage backend) on Flex
// Consumption, reaching storage, the container registry and Key Vault with its system-assigned identity only.
// Job steps run in a Container Apps environment under their own identity. See README.md.
targetScope = 'resourceGroup'

import { secretKeySecretName } from 'modules/naming.bicep'

@description('Environment name; part of every resource name.')
@allowed([ 'dev', 'test', 'prod' ])
param environmentName string

@description('Prefix for resource names: 3-11 lower-case letters and digits, starting with a letter.')
@minLength(3)
@maxLength(11)
param namePrefix string = 'stratus'

@description('Azure region for every resource (must offer Flex Consumption); defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Extra tags for every resource.')
param tags { *: string } = {}

@description('.NET version of the isolated worker (functionAppConfig.runtime.version). The app targets net10.0.')
@allowed([ '8.0', '9.0', '10.0' ])
param dotnetVersion string = '10.0'

@description('Upper bound on the instances the scale controller may run (Flex Consumption: 40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance, in MB (Flex Consumption sizes).')
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

@description('Always-ready instances for HTTP triggers; 0 scales from zero (cold starts, no idle cost).')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

@description('Storage account redundancy.')
@allowed([ 'Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS', 'Standard_RAGRS', 'Standard_RAGZRS' ])
param storageSku string = 'Standard_LRS'

@description('Days deleted blobs and containers (state versions, plans, logs) stay recoverable; 0 turns it off.')
@minValue(0)
@maxValue(365)
param blobSoftDeleteDays int = 0

@description('Container registry tier.')
@allowed([ 'Basic', 'Standard', 'Premium' ])
param registrySku string = 'Basic'

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Days a deleted Key Vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteDays int = 90

@description('Key Vault purge protection (irreversible once on; recommended for prod).')
param keyVaultPurgeProtection bool = false

@description('Durable Functions task hub: 3-45 letters and digits, starting with a letter. Fixed for the life of the data.')
@minLength(3)
@maxLength(45)
param durableHubName string = 'stratus'

@secure()
@description('The Stratus secret key (`openssl rand -base64 32`). Give it on the first deployment and when rotating; empty keeps the stored key.')
param secretKey string = ''

@description('Id of the active secret key (1-32 letters, digits, \'-\'); every ciphertext records it. A new key needs a new id.')
@minLength(1)
@maxLength(32)
param activeKeyId string = 'default'

@description('Ids of earlier keys still needed to decrypt older values; their secrets stay in Key Vault.')
param retiredKeyIds string[] = []

@description('The step image job steps run in (bash, curl, GNU tar and find, setsid, terraform); empty: stratus-step:1 in this deployment\'s registry.')
param stepImage string = ''

@description('Longest a job step may run, in seconds: a little over Stratus:Infra:Jobs:StepTimeout (2 h).')
@minValue(600)
@maxValue(86400)
param stepTimeoutSeconds int = 9000

var suffix = uniqueString(resourceGroup().id, namePrefix, environmentName)
var allTags = union(tags, {
  application: 'stratus'
  environment: environmentName
})
var stepImageName = empty(stepImage) ? '${registry.outputs.loginServer}/stratus-step:1' : stepImage
var names = {
  storage: take(toLower('${namePrefix}${environmentName}${suffix}'), 24)
  registry: toLower('${namePrefix}${environmentName}${suffix}')
  keyVault: take('kv-${namePrefix}-${environmentName}-${suffix}', 24)
  workspace: '${namePrefix}-${environmentName}-logs'
  insights: '${namePrefix}-${environmentName}-insights'
  plan: '${namePrefix}-${environmentName}-plan'
  app: '${namePrefix}-${environmentName}-${suffix}'
  jobsEnvironment: '${namePrefix}-${environmentName}-jobs'
  executorIdentity: '${namePrefix}-${environmentName}-executor'
  stepJob: '${namePrefix}-${environmentName}-steps'
}

module monitoring 'modules/monitoring.bicep' = {
  params: {
    location: location
    tags: allTags
    workspaceName: names.workspace
    insightsName: names.insights
    retentionInDays: logRetentionDays
  }
}

module storage 'modules/storage.bicep' = {
  params: {
    location: location
    tags: allTags
    name: names.storage
    skuName: storageSku
    deploymentContainerName: 'app-package'
    softDeleteDays: blobSoftDeleteDays
  }
}

module registry 'modules/registry.bicep' = {
  params: {
    location: location
    tags: allTags
    name: names.registry
    skuName: registrySku
  }
}

module keyVault 'modules/key-vault.bicep' = {
  params: {
    location: location
    tags: allTags
    name: names.keyVault
    softDeleteRetentionInDays: keyVaultSoftDeleteDays
    enablePurgeProtection: keyVaultPurgeProtection
    secretName: secretKeySecretName(activeKeyId)
    secretValue: secretKey
  }
}

module jobs 'modules/container-apps.bicep' = {
  params: {
    location: location
    tags: allTags
    environmentName: names.jobsEnvironment
    executorIdentityName: names.executorIdentity
    workspaceId: monitoring.outputs.workspaceId
    stepJobName: names.stepJob
    stepImage: stepImageName
    registryLoginServer: registry.outputs.loginServer
    stepTimeoutSeconds: stepTimeoutSeconds
  }
}

module functionApp 'modules/function-app.bicep' = {
  params: {
    location: location
    tags: allTags
    planName: names.plan
    appName: names.app
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
  }
}

module roles 'modules/roles.bicep' = {
  params: {
    appPrincipalId: functionApp.outputs.principalId
    executorPrincipalId: jobs.outputs.executorPrincipalId
    storageAccountName: storage.outputs.name
    registryName: registry.outputs.name
    keyVaultName: keyVault.outputs.name
    insightsName: monitoring.outputs.insightsName
    executorIdentityName: jobs.outputs.executorIdentityName
    workspaceName: monitoring.outputs.workspaceName
  }
}

module appSettings 'modules/app-settings.bicep' = {
  params: {
    appName: functionApp.outputs.name
    storageAccountName: storage.outputs.name
    insightsName: monitoring.outputs.insightsName
    keyVaultName: keyVault.outputs.name
    activeKeyId: activeKeyId
    retiredKeyIds: retiredKeyIds
    durableHubName: durableHubName
    registryLoginServer: registry.outputs.loginServer
    containerAppsEnvironmentId: jobs.outputs.environmentId
    executorIdentityId: jobs.outputs.executorIdentityId
    executorClientId: jobs.outputs.executorClientId
    stepJobName: jobs.outputs.stepJobName
    stepImage: stepImageName
    workspaceCustomerId: monitoring.outputs.workspaceCustomerId
  }
  // Settings last: Key Vault references and identity-based storage need the roles in place.
  dependsOn: [ roles ]
}

@description('Function app name (the target of `az functionapp deployment source config-zip`).')
output functionAppName string = functionApp.outputs.name

@description('Function app default host name; the API is https://<this>.')
output defaultHostName string = functionApp.outputs.defaultHostName

@description('Container registry login server.')
output registryLoginServer string = registry.outputs.loginServer

@description('Key Vault URI.')
output keyVaultUri string = keyVault.outputs.uri

@description('Key Vault name.')
output keyVaultName string = keyVault.outputs.name

@description('Storage account name.')
output storageAccountName string = storage.outputs.name

@description('Container Apps managed environment (job executors) resource id.')
output containerAppsEnvironmentId string = jobs.outputs.environmentId
