import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors';

/** One request/response call of the contract. */
export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
}

/** One event the main side pushes to every window. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  payload: P;
}

export const channel = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res): ChannelDef<Req, Res> => ({
  request,
  response,
});

export const event = <P extends z.ZodType>(payload: P): EventDef<P> => ({ payload });

export const IPC_ERROR_CODES = ERROR_CODES;
export type IpcErrorCode = ErrorCode;

export const ipcErrorSchema = z.object({
  code: z.enum(IPC_ERROR_CODES),
  message: z.string(),
  /** For INVALID_INPUT: where in the request the problem is, as a JSON path such as `goals[0].value`. */
  path: z.string().optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

/** Errors travel as data: every reply is one of these, never a thrown exception across the boundary. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };
