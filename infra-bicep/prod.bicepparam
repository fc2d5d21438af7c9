// Production: zone-redundant storage, recoverable blobs and secrets, a warm HTTP instance, room to scale.
//   STRATUS_SECRET_KEY="$(openssl rand -base64 32)" az deployment group create -g <rg> -p infra-bicep/prod.bicepparam
// (the key only on the first deployment or when rotating; see README.md).
using 'main.bicep'

param environmentName = 'prod'
param dotnetVersion = '10.0'
param maximumInstanceCount = 200
param instanceMemoryMB = 4096
param alwaysReadyHttpInstances = 1
param storageSku = 'Standard_ZRS'
param blobSoftDeleteDays = 14
param registrySku = 'Standard'
param logRetentionDays = 90
param keyVaultSoftDeleteDays = 90
param keyVaultPurgeProtection = true
param durableHubName = 'stratusprod'
param secretKey = readEnvironmentVariable('STRATUS_SECRET_KEY', '')
param activeKeyId = 'prod1'
param retiredKeyIds = []
