import type { ConsoleServices } from '../config/console-services';

export const PROXY_OPTIONS = Symbol('PROXY_OPTIONS');

export interface ProxyOptions {
  services: ConsoleServices;
  /** Longest wait for a service's answer, body included. */
  timeoutMs: number;
}
