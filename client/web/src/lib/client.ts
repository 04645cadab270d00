// AtelierClient: one WebSocket to atelier-server speaking protocol v1, that
// survives flaky Wi-Fi: commands wait in an ordered queue kept on the device
// (sent again with the same id after a reconnect, applied once by the server),
// reconnection with jittered back-off and at once when the tablet wakes, an
// application heartbeat that notices sockets a sleeping tablet left half-open,
// and resume from the last sequence number seen.
import { create, fromBinary, type MessageInitShape, toBinary } from '@bufbuild/protobuf';
import {
  type Ack,
  ClientMessageSchema,
  type ClientMessage,
  type Error as ServerError,
  ErrorCode,
  type Event,
  type Lobby,
  ServerMessageSchema,
  type Welcome,
} from '../gen/atelier/v1/atelier_pb';

export type Status = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'stopped';
// What a command carries, as the page writes it (plain objects).
export type Body = MessageInitShape<typeof ClientMessageSchema>['body'];
export type SentBody = ClientMessage['body'];

export interface JoinSpec {
  code?: string;
  token?: string;
  companyId?: string;
  name?: string;
  table?: number;
  asBoard?: boolean;
}

export interface Handlers {
  welcome(w: Welcome): void;
  events(events: Event[]): void;
  ack?(a: Ack, body: SentBody | undefined): void;
  error?(e: ServerError, body: SentBody | undefined): void;
  lobby?(l: Lobby): void;
  status?(s: Status, pending: number): void;
  // The server said not to come back (kicked, closed, bad token, too many codes).
  stopped?(code: number, reason: string): void;
}

interface Queued {
  id: string;
  bytes: string; // base64 of the ClientMessage
}

const HEARTBEAT_MS = 10_000;
const DEAD_AFTER_MS = 25_000;
const MAX_BACKOFF_MS = 15_000;
const STOP_CODES = new Set([4001, 4002, 4003, 4004]);

export function newId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes); // works on plain http too, unlike randomUUID
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  bytes.forEach((b) => (s += String.fromCharCode(b)));
  return btoa(s);
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function serverUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}

export class AtelierClient {
  private ws?: WebSocket;
  private join: JoinSpec;
  private queue: Queued[] = [];
  private sentIds = new Set<string>();
  private epoch = '';
  private lastSeq: bigint | undefined;
  private attempt = 0;
  private retryTimer?: number;
  private heartbeatTimer?: number;
  private lastHeard = 0;
  private welcomed = false;
  private stopped = false;
  private statusValue: Status = 'connecting';

  constructor(
    private readonly url: string,
    join: JoinSpec,
    private readonly handlers: Handlers,
    private readonly queueKey = '',
  ) {
    this.join = { ...join };
    if (queueKey) {
      try {
        this.queue = JSON.parse(localStorage.getItem(queueKey) ?? '[]') as Queued[];
      } catch {
        this.queue = [];
      }
    }
    const wake = () => this.wake();
    addEventListener('online', wake);
    addEventListener('pageshow', wake);
    addEventListener('focus', wake);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') wake();
    });
    addEventListener('offline', () => this.setStatus('offline'));
  }

  get status(): Status {
    return this.statusValue;
  }
  get pending(): number {
    return this.queue.length;
  }

  start(): void {
    this.connect();
  }

  // Queues a command (kept on the device until the server answers) and sends
  // it now if connected. Returns its command id.
  send(body: Body): string {
    const id = newId();
    const bytes = toBinary(ClientMessageSchema, create(ClientMessageSchema, { commandId: id, body }));
    this.queue.push({ id, bytes: toBase64(bytes) });
    this.persist();
    if (this.welcomed) this.transmit(this.queue[this.queue.length - 1]);
    this.setStatus(this.statusValue);
    return id;
  }

  // Sends without queueing (lookups before joining).
  request(body: Body): string {
    const id = newId();
    this.raw(toBinary(ClientMessageSchema, create(ClientMessageSchema, { commandId: id, body })));
    return id;
  }

  // Replaces how the next connection joins (after a welcome: use the token).
  setJoin(join: JoinSpec): void {
    this.join = { ...join };
  }

  close(): void {
    this.stopped = true;
    this.ws?.close(1000);
    this.setStatus('stopped');
  }

  // Reconnect now: the tablet woke up or the network came back.
  private wake(): void {
    if (this.stopped) return;
    const open = this.ws && this.ws.readyState === WebSocket.OPEN;
    if (open && Date.now() - this.lastHeard < DEAD_AFTER_MS) return;
    this.ws?.close();
    this.ws = undefined;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  private connect(): void {
    if (this.stopped) return;
    this.welcomed = false;
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.lastHeard = Date.now();
      if (this.join.code === undefined && this.join.token === undefined) return;
      this.sendJoin();
      clearInterval(this.heartbeatTimer);
      this.heartbeatTimer = window.setInterval(() => this.heartbeat(), HEARTBEAT_MS);
    };
    ws.onmessage = (ev) => {
      if (ws !== this.ws) return;
      this.lastHeard = Date.now();
      this.onMessage(new Uint8Array(ev.data as ArrayBuffer));
    };
    ws.onclose = (ev) => {
      if (ws !== this.ws) return;
      clearInterval(this.heartbeatTimer);
      this.ws = undefined;
      this.welcomed = false;
      if (STOP_CODES.has(ev.code)) {
        this.stopped = true;
        this.setStatus('stopped');
        this.handlers.stopped?.(ev.code, ev.reason);
        return;
      }
      this.scheduleRetry();
    };
  }

  private sendJoin(): void {
    const join = {
      code: this.join.token ? '' : (this.join.code ?? ''),
      token: this.join.token ?? '',
      companyId: this.join.companyId ?? '',
      name: this.join.name ?? '',
      table: this.join.table ?? 0,
      asBoard: this.join.asBoard ?? false,
      epoch: this.epoch,
      lastSeq: this.lastSeq ?? 0n,
      hasLastSeq: this.lastSeq !== undefined && this.epoch !== '',
    };
    this.raw(
      toBinary(
        ClientMessageSchema,
        create(ClientMessageSchema, { commandId: newId(), body: { case: 'join', value: join } }),
      ),
    );
  }

  private heartbeat(): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    if (Date.now() - this.lastHeard > DEAD_AFTER_MS) {
      // Open in name only: a sleeping tablet's socket. Start again.
      const dead = this.ws;
      this.ws = undefined;
      dead.close();
      this.scheduleRetry(0);
      return;
    }
    this.request({ case: 'ping', value: { clientTimeMs: BigInt(Date.now()) } });
  }

  private scheduleRetry(delay?: number): void {
    if (this.stopped) return;
    this.setStatus(navigator.onLine === false ? 'offline' : 'reconnecting');
    const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt);
    const wait = delay ?? base * (0.5 + Math.random());
    this.attempt++;
    clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => this.connect(), wait);
  }

  private raw(bytes: Uint8Array): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(bytes);
  }

  private transmit(q: Queued): void {
    this.sentIds.add(q.id);
    this.raw(fromBase64(q.bytes));
  }

  private persist(): void {
    if (this.queueKey) localStorage.setItem(this.queueKey, JSON.stringify(this.queue));
  }

  private bodyOf(id: string): SentBody | undefined {
    const q = this.queue.find((x) => x.id === id);
    return q ? fromBinary(ClientMessageSchema, fromBase64(q.bytes)).body : undefined;
  }

  private settle(id: string): void {
    const before = this.queue.length;
    this.queue = this.queue.filter((q) => q.id !== id);
    if (this.queue.length !== before) this.persist();
  }

  private onMessage(bytes: Uint8Array): void {
    const msg = fromBinary(ServerMessageSchema, bytes);
    switch (msg.body.case) {
      case 'welcome': {
        const w = msg.body.value;
        this.welcomed = true;
        this.attempt = 0;
        this.epoch = w.epoch;
        if (w.snapshot) this.lastSeq = w.snapshot.seq;
        if (w.token) this.join = { token: w.token };
        this.handlers.welcome(w);
        this.setStatus('online');
        // What waited on the device goes out in order, with its original ids.
        for (const q of this.queue) this.transmit(q);
        break;
      }
      case 'events': {
        const events = msg.body.value.events;
        const fresh = events.filter((e) => this.lastSeq === undefined || e.seq > this.lastSeq);
        if (fresh.length) {
          this.lastSeq = fresh[fresh.length - 1].seq;
          this.handlers.events(fresh);
        }
        break;
      }
      case 'ack': {
        const a = msg.body.value;
        const body = this.bodyOf(a.commandId);
        this.settle(a.commandId);
        this.handlers.ack?.(a, body);
        this.setStatus(this.statusValue);
        break;
      }
      case 'error': {
        const e = msg.body.value;
        const retry = e.code === ErrorCode.RATE_LIMITED || e.code === ErrorCode.STORAGE;
        const body = this.bodyOf(e.commandId);
        if (e.code === ErrorCode.BAD_TOKEN) {
          this.join = {};
          this.queue = [];
          this.persist();
        }
        if (!retry) this.settle(e.commandId);
        else if (body) window.setTimeout(() => {
          const q = this.queue.find((x) => x.id === e.commandId);
          if (q && this.welcomed) this.transmit(q);
        }, 1000 + Math.random() * 1000);
        this.handlers.error?.(e, body);
        this.setStatus(this.statusValue);
        break;
      }
      case 'lobby':
        this.handlers.lobby?.(msg.body.value);
        break;
      case 'pong':
        break;
      default:
        break;
    }
  }

  private setStatus(s: Status): void {
    this.statusValue = s;
    this.handlers.status?.(s, this.queue.length);
  }
}

// Asks the server what a join code opens, on a short-lived connection.
export function lookup(url: string, code: string, timeoutMs = 8000): Promise<Lobby> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    const timer = window.setTimeout(() => {
      ws.close();
      reject(new Error('timeout'));
    }, timeoutMs);
    ws.onopen = () =>
      ws.send(
        toBinary(
          ClientMessageSchema,
          create(ClientMessageSchema, { commandId: newId(), body: { case: 'lookup', value: { code } } }),
        ),
      );
    ws.onmessage = (ev) => {
      const msg = fromBinary(ServerMessageSchema, new Uint8Array(ev.data as ArrayBuffer));
      clearTimeout(timer);
      ws.close();
      if (msg.body.case === 'lobby') resolve(msg.body.value);
      else if (msg.body.case === 'error') reject(msg.body.value);
      else reject(new Error('unexpected answer'));
    };
    ws.onerror = () => {
      clearTimeout(timer);
      reject(new Error('network'));
    };
  });
}
