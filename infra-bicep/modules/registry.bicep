// Azure Container Registry for app images: Entra ID (RBAC) access only, no admin user, no anonymous pull.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Registry name (5-50 letters and digits, globally unique).')
@minLength(5)
@maxLength(50)
param name string

@description('Registry tier.')
@allowed([ 'Basic', 'Standard', 'Premium' ])
param skuName string

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: skuName }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

@description('Registry name.')
output name string = registry.name

@description('Registry login server (e.g. <name>.azurecr.io).')
output loginServer string = registry.properties.loginServer
