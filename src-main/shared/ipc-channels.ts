// The two IPC channels between the preload bridge and Electron main: every API call goes through
// one, every event through the other. Apart from api-contract.ts so that the preload script, which
// only needs these names, does not bundle zod and the schemas.
export const IPC_INVOKE = 'sheaf:invoke'
export const IPC_EVENT = 'sheaf:event'
