export * from './message-bus-contract.js';
