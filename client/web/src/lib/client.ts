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
  // The key of the company's table tent (« chevalet »), with code and companyId.
  companyKey?: string;
  name?: string;
  table?: number;
  asBoard?: boolean;
}

export interface Handlers {
  welcome(w: Welcome): void;
  events(events: Event[]): void;
  ack?(a: Ack, body: SentBody | undefined): void;
  // A queued command the server refused for good (it has left the queue), or
  // an error that answers no command of ours.
  error?(e: ServerError, body: SentBody | undefined): void;
  // The server refused the Join itself (wrong code, joins locked, unknown
  // token…): the client has stopped; the page decides what to ask next.
  // Without this handler the refusal goes to `error`.
  joinFailed?(e: ServerError): void;
  lobby?(l: Lobby): void;
  // Also called when the queue changes, so a page can show what waits.
  status?(s: Status, pending: number): void;
  // The server said not to come back (kicked, closed, bad token, too many codes).
  stopped?(code: number, reason: string): void;
}

interface Queued {
  id: string;
  bytes: string; // base64 of the ClientMessage
}

// A command still waiting for the server's answer, as a page shows it.
export interface Pending {
  id: string;
  body: SentBody;
}

// A ping every few seconds; a server silent for DEAD_AFTER_MS (two pings
// unanswered) is not « Connecté », whatever the socket says: the client shows
// « Reconnexion… » and starts again.
const HEARTBEAT_MS = 3_000;
const DEAD_AFTER_MS = 7_500;
const CONNECT_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 15_000;
// Commands on the wire without an answer yet. The server takes a burst of 40
// then 10 a second; a window keeps a long offline queue under that, in order.
const WINDOW = 16;
const STOP_CODES = new Set([4001, 4002, 4003, 4004]);
// Answers that say "not now" rather than "no": the command stays queued.
const RETRY_CODES = new Set([ErrorCode.RATE_LIMITED, ErrorCode.STORAGE, ErrorCode.NOT_JOINED]);
// Refusals of a Join after which retrying the same Join cannot help.
const JOIN_FATAL = new Set([
  ErrorCode.BAD_CODE,
  ErrorCode.BAD_TOKEN,
  ErrorCode.JOINS_LOCKED,
  ErrorCode.WORKSHOP_CLOSED,
  ErrorCode.NOT_FOUND,
  ErrorCode.INVALID,
  ErrorCode.TOO_MANY_ATTEMPTS,
  ErrorCode.UNKNOWN_WORKSHOP,
  ErrorCode.FORBIDDEN,
]);

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

// The WebSocket endpoint. With the workshop's join code it is /ws?w=CODE: the server
// checks the join against it, and a reverse proxy can send a workshop to one node
// (docs/scale.md).
export function serverUrl(code?: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const w = (code ?? '').replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return `${scheme}//${location.host}/ws${w ? `?w=${encodeURIComponent(w)}` : ''}`;
}

export class AtelierClient {
  private ws?: WebSocket;
  private join: JoinSpec;
  private queue: Queued[] = [];
  // Ids sent on the current connection and not answered yet.
  private inFlight = new Set<string>();
  private joinId = '';
  // A join by code keeps its id across reconnections until it is welcomed:
  // if the welcome was lost, the server answers the resent join with the same
  // participant instead of creating a second one.
  private codeJoinId = newId();
  private epoch = '';
  private lastSeq: bigint | undefined;
  private attempt = 0;
  private retryTimer?: number;
  private resendTimer?: number;
  private heartbeatTimer?: number;
  private connectTimer?: number;
  private lastHeard = 0;
  private openedAt = 0;
  private welcomed = false;
  private notJoined = 0;
  private stopped = false;
  private statusValue: Status = 'connecting';
  private readonly listeners: [EventTarget, string, () => void][] = [];

  constructor(
    private readonly url: string,
    join: JoinSpec,
    private readonly handlers: Handlers,
    private readonly queueKey = '',
  ) {
    this.join = { ...join };
    if (queueKey) {
      try {
        const q = JSON.parse(localStorage.getItem(queueKey) ?? '[]') as Queued[];
        this.queue = Array.isArray(q) ? q.filter((x) => x && typeof x.id === 'string' && typeof x.bytes === 'string') : [];
      } catch {
        this.queue = [];
      }
    }
    const wake = () => this.wake();
    const listen = (target: EventTarget, type: string, fn: () => void) => {
      target.addEventListener(type, fn);
      this.listeners.push([target, type, fn]);
    };
    listen(window, 'online', wake);
    listen(window, 'pageshow', wake);
    listen(window, 'focus', wake);
    listen(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') wake();
    });
    // The device says it has no network at all: drop the socket rather than
    // trust it, keep commands on the device, and come back on 'online'.
    listen(window, 'offline', () => {
      if (this.stopped) return;
      this.drop();
      this.scheduleRetry();
    });
  }

  get status(): Status {
    return this.statusValue;
  }
  get pending(): number {
    return this.queue.length;
  }

  // The commands waiting for an answer, oldest first.
  queued(): Pending[] {
    const out: Pending[] = [];
    for (const q of this.queue) {
      try {
        out.push({ id: q.id, body: fromBinary(ClientMessageSchema, fromBase64(q.bytes)).body });
      } catch {
        // an unreadable entry (older build): it is sent as is and answered by id
      }
    }
    return out;
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
    this.pump();
    this.setStatus(this.statusValue);
    return id;
  }

  // Takes a command out of the queue if the server has not answered it yet.
  // If it was already on the wire the server may still apply it; its events
  // then arrive like anyone else's.
  cancel(id: string): boolean {
    const before = this.queue.length;
    this.queue = this.queue.filter((q) => q.id !== id);
    this.inFlight.delete(id);
    if (this.queue.length === before) return false;
    this.persist();
    this.setStatus(this.statusValue);
    return true;
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
    this.codeJoinId = newId();
  }

  // Try now rather than at the end of the back-off (a "retry" button).
  reconnectNow(): void {
    this.attempt = 0;
    this.wake(true);
  }

  // Stops for good: no reconnection; the queue stays on the device.
  close(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.resendTimer);
    clearTimeout(this.connectTimer);
    clearInterval(this.heartbeatTimer);
    for (const [target, type, fn] of this.listeners) target.removeEventListener(type, fn);
    this.listeners.length = 0;
    const ws = this.ws;
    this.ws = undefined;
    ws?.close(1000);
    this.setStatus('stopped');
  }

  // Forgets every queued command (leaving the company they were written for).
  clearQueue(): void {
    this.queue = [];
    this.inFlight.clear();
    this.persist();
    this.setStatus(this.statusValue);
  }

  // Reconnect now: the tablet woke up or the network came back.
  private wake(force = false): void {
    if (this.stopped) return;
    if (navigator.onLine === false) {
      this.setStatus('offline');
      return;
    }
    const ws = this.ws;
    if (!force && ws && ws.readyState === WebSocket.OPEN && Date.now() - this.lastHeard < DEAD_AFTER_MS) return;
    // A socket still opening gets its chance (focus events come in bursts).
    if (!force && ws && ws.readyState === WebSocket.CONNECTING && Date.now() - this.openedAt < CONNECT_TIMEOUT_MS) return;
    this.drop();
    clearTimeout(this.retryTimer);
    this.connect();
  }

  // Abandons the current socket without waiting for its close handshake.
  private drop(): void {
    const ws = this.ws;
    this.ws = undefined;
    this.welcomed = false;
    this.inFlight.clear();
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.connectTimer);
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      try {
        ws.close();
      } catch {
        // already closing
      }
    }
  }

  private connect(): void {
    if (this.stopped) return;
    this.welcomed = false;
    this.inFlight.clear();
    if (navigator.onLine === false) {
      // No network interface: don't even try; 'online' wakes us, and a slow
      // retry covers browsers whose flag lies.
      this.scheduleRetry();
      return;
    }
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
    this.openedAt = Date.now();
    clearTimeout(this.connectTimer);
    // A handshake that hangs (captive Wi-Fi, half-dead access point) counts as a failure.
    this.connectTimer = window.setTimeout(() => {
      if (ws !== this.ws || this.welcomed) return;
      this.drop();
      this.scheduleRetry();
    }, CONNECT_TIMEOUT_MS);
    ws.onopen = () => {
      if (ws !== this.ws) return;
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
      clearTimeout(this.connectTimer);
      this.ws = undefined;
      this.welcomed = false;
      this.inFlight.clear();
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
      companyKey: this.join.token ? '' : (this.join.companyKey ?? ''),
      name: this.join.name ?? '',
      table: this.join.table ?? 0,
      asBoard: this.join.asBoard ?? false,
      epoch: this.epoch,
      lastSeq: this.lastSeq ?? 0n,
      hasLastSeq: this.lastSeq !== undefined && this.epoch !== '',
    };
    this.joinId = this.join.token ? newId() : this.codeJoinId;
    this.raw(
      toBinary(
        ClientMessageSchema,
        create(ClientMessageSchema, { commandId: this.joinId, body: { case: 'join', value: join } }),
      ),
    );
  }

  private heartbeat(): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    if (Date.now() - this.lastHeard > DEAD_AFTER_MS) {
      // Open in name only: a sleeping tablet's socket. Start again.
      this.drop();
      this.scheduleRetry(0);
      return;
    }
    this.request({ case: 'ping', value: { clientTimeMs: BigInt(Date.now()) } });
  }

  private scheduleRetry(delay?: number): void {
    if (this.stopped) return;
    this.setStatus(navigator.onLine === false ? 'offline' : 'reconnecting');
    // Full jitter around an exponential base, so a room of tablets that lost
    // the same access point does not come back in one wave.
    const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.attempt, 10));
    const wait = delay ?? base * (0.5 + Math.random());
    this.attempt++;
    clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => this.connect(), wait);
  }

  private raw(bytes: Uint8Array): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(bytes);
  }

  // Sends queued commands in order, at most WINDOW unanswered at a time.
  private pump(): void {
    if (!this.welcomed || !this.ws || this.ws.readyState !== WebSocket.OPEN) return;
    for (const q of this.queue) {
      if (this.inFlight.size >= WINDOW) break;
      if (this.inFlight.has(q.id)) continue;
      this.inFlight.add(q.id);
      this.raw(fromBase64(q.bytes));
    }
  }

  private persist(): void {
    if (!this.queueKey) return;
    try {
      localStorage.setItem(this.queueKey, JSON.stringify(this.queue));
    } catch {
      // storage full or refused: the queue still lives in memory
    }
  }

  private bodyOf(id: string): SentBody | undefined {
    const q = this.queue.find((x) => x.id === id);
    if (!q) return undefined;
    try {
      return fromBinary(ClientMessageSchema, fromBase64(q.bytes)).body;
    } catch {
      return undefined;
    }
  }

  private settle(id: string): void {
    this.inFlight.delete(id);
    const before = this.queue.length;
    this.queue = this.queue.filter((q) => q.id !== id);
    if (this.queue.length !== before) this.persist();
  }

  private onMessage(bytes: Uint8Array): void {
    let msg;
    try {
      msg = fromBinary(ServerMessageSchema, bytes);
    } catch {
      return; // a frame from a newer server we cannot read: ignore it
    }
    switch (msg.body.case) {
      case 'welcome': {
        const w = msg.body.value;
        clearTimeout(this.connectTimer);
        this.welcomed = true;
        this.attempt = 0;
        this.epoch = w.epoch;
        if (w.snapshot) this.lastSeq = w.snapshot.seq;
        if (w.token) this.join = { token: w.token };
        this.handlers.welcome(w);
        this.setStatus('online');
        // What waited on the device goes out in order, with its original ids.
        this.inFlight.clear();
        this.pump();
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
        this.notJoined = 0;
        const body = this.bodyOf(a.commandId);
        this.settle(a.commandId);
        this.handlers.ack?.(a, body);
        this.pump();
        this.setStatus(this.statusValue);
        break;
      }
      case 'error': {
        const e = msg.body.value;
        if (!this.welcomed && (e.commandId === this.joinId || e.commandId === '')) {
          this.onJoinRefused(e);
          break;
        }
        const body = this.bodyOf(e.commandId);
        if (body && RETRY_CODES.has(e.code)) {
          // Not now: it stays first in line and goes again shortly.
          this.inFlight.delete(e.commandId);
          clearTimeout(this.resendTimer);
          this.resendTimer = window.setTimeout(() => this.pump(), 1000 + Math.random() * 1000);
          // NOT_JOINED right after a welcome: the server had not finished
          // registering us (it answers the Join before it records it). Retry;
          // only a repeated refusal means the session is really gone.
          if (e.code === ErrorCode.NOT_JOINED && ++this.notJoined >= 3) {
            this.notJoined = 0;
            this.wake(true);
          }
          this.setStatus(this.statusValue);
          break;
        }
        this.settle(e.commandId);
        this.handlers.error?.(e, body);
        this.pump();
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

  private onJoinRefused(e: ServerError): void {
    if (!JOIN_FATAL.has(e.code)) {
      // e.g. rate limited or storage trouble: the same Join later may work.
      this.drop();
      this.scheduleRetry();
      return;
    }
    if (e.code === ErrorCode.BAD_TOKEN) {
      // The identity is gone; what waited under it cannot be sent as anyone else.
      this.join = {};
      this.queue = [];
      this.persist();
    }
    this.close();
    if (this.handlers.joinFailed) this.handlers.joinFailed(e);
    else this.handlers.error?.(e, undefined);
  }

  private setStatus(s: Status): void {
    this.statusValue = s;
    this.handlers.status?.(s, this.queue.length);
  }
}

// Asks the server what a join code opens, on a short-lived connection.
export function lookup(url: string, code: string, timeoutMs = 8000): Promise<Lobby> {
  return new Promise((resolve, reject) => {
    if (navigator.onLine === false) {
      reject(new Error('network'));
      return;
    }
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
    // Closed before answering (e.g. too many wrong codes): settle all the same.
    ws.onclose = () => {
      clearTimeout(timer);
      reject(new Error('network'));
    };
  });
}
