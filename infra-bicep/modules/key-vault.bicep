// Key Vault in RBAC mode holding the Stratus secret key (the AES-256 key that encrypts sensitive variables).
// The secret is written only when a value is supplied: later deployments without one leave the stored key alone,
// since replacing it would make every value encrypted with it unreadable.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Key Vault name (3-24 letters, digits and dashes, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Days a deleted vault or secret stays recoverable (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Purge protection: deleted vaults and secrets cannot be purged before the retention ends. Irreversible once on.')
param enablePurgeProtection bool

@description('Name of the secret that holds the active Stratus secret key.')
param secretName string

@secure()
@description('The active Stratus secret key (base64 of 32 random bytes); empty keeps the secret already stored.')
param secretValue string = ''

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The service rejects `false`; leaving the property out is how it stays off.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(secretValue)) {
  parent: vault
  name: secretName
  properties: {
    value: secretValue
    contentType: 'Stratus secret key: base64 of 32 bytes (AES-256)'
  }
}

@description('Key Vault name.')
output name string = vault.name

@description('Key Vault URI, with a trailing slash.')
output uri string = vault.properties.vaultUri
