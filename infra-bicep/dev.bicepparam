// Development: small, cheap, easy to tear down. Deploy with
//   STRATUS_SECRET_KEY="$(openssl rand -base64 32)" az deployment group create -g <rg> -p infra-bicep/dev.bicepparam
// (the key only on the first deployment or when rotating; see README.md).
using 'main.bicep'

param environmentName = 'dev'
param dotnetVersion = '10.0'
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
param alwaysReadyHttpInstances = 0
param storageSku = 'Standard_LRS'
param blobSoftDeleteDays = 0
param registrySku = 'Basic'
param logRetentionDays = 30
param keyVaultSoftDeleteDays = 7
param keyVaultPurgeProtection = false
param durableHubName = 'stratusdev'
param secretKey = readEnvironmentVariable('STRATUS_SECRET_KEY', '')
param activeKeyId = 'dev1'
