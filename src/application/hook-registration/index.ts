export * from './register-hooks.js';
