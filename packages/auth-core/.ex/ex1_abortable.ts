import { abortable } from "../src/abortable.js";
const value = await abortable(Promise.resolve(1), AbortSignal.timeout(1_000));

export {};
