export * from './add-kyc-page.js';
export * from './create-kyc-document.js';
export * from '../kyc-core-dependencies.js';
export * from './return-url.js';
export * from './start-idv-session.js';
export * from './submit-kyc-document.js';
