export { createAesGcmPersonalDataVault, type AesGcmPersonalDataVaultOptions } from './aes-gcm-personal-data-vault.js';
export { masterKey, type MasterKey } from './data-key-wrapping.js';
export { MASTER_KEY_VARIABLE, masterKeyFromEnvironment, type MasterKeyMisconfigured } from './master-key-from-environment.js';
