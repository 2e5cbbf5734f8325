export * from './hook-registration-loop.js';
export * from './register-hooks.js';
