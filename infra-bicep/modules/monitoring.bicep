// Log Analytics workspace (shared by Application Insights and the Container Apps environment) and a
// workspace-based Application Insights component that accepts Entra ID-authenticated telemetry only.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags { *: string }

@description('Log Analytics workspace name.')
param workspaceName string

@description('Application Insights component name.')
param insightsName string

@description('Days Log Analytics keeps data (30-730).')
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
    features: { disableLocalAuth: true }
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: insightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // No instrumentation-key ingestion: the host authenticates with its identity (Monitoring Metrics Publisher).
    DisableLocalAuth: true
  }
}

@description('Log Analytics workspace resource id.')
output workspaceId string = workspace.id

@description('Log Analytics workspace name.')
output workspaceName string = workspace.name

@description('Log Analytics workspace (customer) id, which the query API names it by.')
output workspaceCustomerId string = workspace.properties.customerId

@description('Application Insights component name.')
output insightsName string = insights.name
