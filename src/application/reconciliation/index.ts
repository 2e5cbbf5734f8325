export * from './idv-checks-from-view.js';
export * from './reconcile-errors.js';
export * from './reconcile-idv-session.js';
export * from './reconcile-kyc-document.js';
export * from './reconcile-user.js';
export * from './record-for-user.js';
export * from './user-profile-from-view.js';
