import type { ChildProcess } from "node:child_process";

export interface TokenServer {
  tokenUrl: string;
  apiUrl: string;
  readonly count: number;
  log: Array<{ n: number; worker: number; at: number }>;
  onTokenRequest(listener: (request: { n: number; worker: number }) => void): void;
  close(): Promise<void>;
}
export function startTokenServer(options: { lifetimeS: number; stall?: (n: number, worker: number) => boolean }): Promise<TokenServer>;

export interface WorkerConfig {
  tokenUrl: string;
  apiUrl: string;
  key: string;
  requests: number;
  durationMs: number;
  timeoutMs: number;
  redisUrl?: string;
  prefix?: string;
  lockPollMs?: number;
  /** Give the store a second connection for release notices. */
  subscribe?: boolean;
  /** Every n-th request also goes through `manager.fetch` to the API; 0 never. */
  fetchEvery?: number;
}
export interface WorkerReport {
  id: number;
  ok: number;
  failed: number;
  errors: string[];
  tokens: string[];
  lastToken?: string;
  finalToken?: string;
  firstTokenMs?: number;
  storeErrors: number;
}
export interface FleetWorker {
  id: number;
  child: ChildProcess;
  ready: Promise<void>;
  report: Promise<WorkerReport | undefined>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}
export function spawnFleet(size: number, config: WorkerConfig): Promise<FleetWorker[]>;
export function go(workers: FleetWorker[], delayMs?: number): number;
export function killFleet(workers: FleetWorker[] | undefined): void;
