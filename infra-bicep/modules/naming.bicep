// Names shared by more than one module, as compile-time functions (imported, never deployed).

@export()
@description('The Key Vault secret holding the Stratus secret key with this id (Key Vault names allow letters, digits and dashes).')
func secretKeySecretName(keyId string) string => 'stratus-secret-key-${toLower(replace(keyId, '_', '-'))}'

@export()
@description('An App Service Key Vault reference to the latest version of a secret, resolved with the app\'s system-assigned identity.')
func keyVaultReference(vaultName string, secretName string) string =>
  '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${secretName})'
